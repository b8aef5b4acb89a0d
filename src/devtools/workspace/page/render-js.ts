/**
 * Browser code (as a string: no build step, no external assets) that turns Slack mrkdwn and Block Kit into HTML.
 * Pure functions without DOM access, so test/devtools can run them in node:vm. Every field goes through esc().
 * Written without template literals so it can live inside String.raw.
 */
export const RENDER_JS = String.raw`
var DIR = { users: {}, channels: {}, groups: {} };
var EMOJI = { white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', eyes: '👀', thumbsup: '👍', '+1': '👍',
  thumbsdown: '👎', '-1': '👎', rotating_light: '🚨', hourglass: '⏳', hourglass_flowing_sand: '⏳', tada: '🎉', wave: '👋',
  bulb: '💡', mag: '🔍', ticket: '🎫', hospital: '🏥', page_facing_up: '📄', link: '🔗', fire: '🔥', ok_hand: '👌', pray: '🙏',
  information_source: 'ℹ️', question: '❓', memo: '📝', clipboard: '📋', red_circle: '🔴', large_green_circle: '🟢',
  large_yellow_circle: '🟡', robot_face: '🤖', heart: '❤️', smile: '😄', thinking_face: '🤔', lock: '🔒', books: '📚' };

function esc(s) {
  return String(s == null ? '' : s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
function unent(s) { return String(s).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'); }
function safeUrl(u) { return /^(https?:|mailto:)/i.test(u) ? u : null; }
function emoji(name) { return EMOJI[name] || (':' + name + ':'); }

/** Inline styles on already-escaped text. */
function styles(h) {
  return h
    .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,!?:;<])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,!?:;<])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,!?:;<])/g, '$1<s>$2</s>')
    .replace(/:([a-z0-9_+-]+):/g, function (m, n) { return EMOJI[n] ? EMOJI[n] : m; });
}

/** One <...> token of Slack's message format. */
function token(inner) {
  var bar = inner.indexOf('|');
  var target = bar >= 0 ? inner.slice(0, bar) : inner;
  var label = bar >= 0 ? inner.slice(bar + 1) : '';
  if (target[0] === '@') return '<span class="mention">@' + esc(DIR.users[target.slice(1)] || label || target.slice(1)) + '</span>';
  if (target[0] === '#') return '<span class="mention">#' + esc(DIR.channels[target.slice(1)] || label || target.slice(1)) + '</span>';
  if (target.indexOf('!date^') === 0) return dateToken(target, label);
  if (target.indexOf('!subteam^') === 0) return '<span class="mention">' + esc(label || ('@' + (DIR.groups[target.slice(9)] || target.slice(9)))) + '</span>';
  if (target[0] === '!') return '<span class="mention">@' + esc(label || target.slice(1)) + '</span>';
  var url = safeUrl(unent(target));
  if (!url) return esc('<' + unent(inner) + '>');
  return '<a href="' + esc(url) + '" target="_blank" rel="noopener noreferrer">' + esc(unent(label || target)) + '</a>';
}

/** Slack's <!date^seconds^format^link|fallback>, in the reader's time zone; the fallback when it can't be read. */
function dateToken(target, fallback) {
  var parts = target.split('^');
  var d = new Date(Number(parts[1]) * 1000);
  if (!parts[2] || isNaN(d.getTime())) return esc(fallback);
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var day = function (opts) { return d.toLocaleDateString(undefined, opts); };
  var pretty = function (plain) {
    var diff = Math.round((new Date(d).setHours(0, 0, 0, 0) - new Date().setHours(0, 0, 0, 0)) / 864e5);
    return diff === 0 ? 'today' : diff === -1 ? 'yesterday' : diff === 1 ? 'tomorrow' : plain;
  };
  var ago = function () {
    var s = Math.round((Date.now() - d.getTime()) / 1000), a = Math.abs(s);
    var v = a < 60 ? [a, 'second'] : a < 3600 ? [Math.floor(a / 60), 'minute'] : a < 86400 ? [Math.floor(a / 3600), 'hour'] : [Math.floor(a / 86400), 'day'];
    var n = v[0] + ' ' + v[1] + (v[0] === 1 ? '' : 's');
    return s >= 0 ? n + ' ago' : 'in ' + n;
  };
  var f = {
    date_num: d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()),
    date: day({ year: 'numeric', month: 'long', day: 'numeric' }),
    date_short: day({ year: 'numeric', month: 'short', day: 'numeric' }),
    date_long: day({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    time: pad(d.getHours()) + ':' + pad(d.getMinutes()),
    time_secs: pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()),
  };
  f.date_pretty = pretty(f.date);
  f.date_short_pretty = pretty(f.date_short);
  f.date_long_pretty = pretty(f.date_long);
  var text = unent(parts[2]).replace(/\{(\w+)\}/g, function (m, k) { return k === 'ago' ? ago() : Object.prototype.hasOwnProperty.call(f, k) ? f[k] : m; });
  return '<time datetime="' + esc(d.toISOString()) + '">' + esc(text) + '</time>';
}

function inline(text) {
  var out = '';
  var re = /<([^<>\n]+)>/g;
  var last = 0;
  var m;
  while ((m = re.exec(text))) {
    out += styles(esc(unent(text.slice(last, m.index)))) + token(m[1]);
    last = re.lastIndex;
  }
  return out + styles(esc(unent(text.slice(last))));
}

function withCode(text) {
  return String(text).split(/(\x60[^\x60\n]+\x60)/).map(function (part, i) {
    return i % 2 ? '<code>' + esc(unent(part.slice(1, -1))) + '</code>' : inline(part);
  }).join('');
}

/** Slack mrkdwn → HTML: code blocks, inline code, *bold*, _italic_, ~strike~, <links>, mentions, > quotes. */
function mrkdwn(text) {
  var parts = String(text == null ? '' : text).split(/\x60\x60\x60/);
  return parts.map(function (part, i) {
    if (i % 2) return '<pre>' + esc(unent(part.replace(/^\n/, ''))) + '</pre>';
    return part.split('\n').map(function (line) {
      if (/^(&gt;|>) ?/.test(line)) return '<blockquote>' + withCode(line.replace(/^(&gt;|>) ?/, '')) + '</blockquote>';
      return withCode(line);
    }).join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>');
  }).join('');
}

/** An indented line under a list item continues that item (markdown wraps long items this way). */
function joinContinuations(lines) {
  var out = [];
  var inItem = false;
  lines.forEach(function (line) {
    var item = /^\s*([-*]|\d+\.)\s+/.test(line);
    if (inItem && !item && /^\s+\S/.test(line)) { out[out.length - 1] += ' ' + line.trim(); return; }
    inItem = item;
    out.push(line);
  });
  return out;
}

/** Standard markdown (markdown blocks, streamed text): headings, lists (numbers kept), **bold**, [links](url), code. */
function markdown(text) {
  var parts = String(text == null ? '' : text).split(/\x60\x60\x60/);
  return parts.map(function (part, i) {
    if (i % 2) return '<pre>' + esc(part.replace(/^[a-z]*\n/, '')) + '</pre>';
    return joinContinuations(part.split('\n')).map(function (line) {
      var h = /^(#{1,6})\s+(.*)$/.exec(line);
      var body = h ? h[2] : line;
      var li = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(body);
      if (li) body = li[2];
      var html = body.split(/(\x60[^\x60]+\x60)/).map(function (seg, j) {
        if (j % 2) return '<code>' + esc(seg.slice(1, -1)) + '</code>';
        return esc(seg)
          .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
          .replace(/(^|\W)\*([^*\n]+)\*(?=\W|$)/g, '$1<i>$2</i>')
          .replace(/(^|\W)_([^_\n]+)_(?=\W|$)/g, '$1<i>$2</i>')
          .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, function (m, label, url) {
            var u = safeUrl(url.replace(/&amp;/g, '&'));
            return u ? '<a href="' + esc(u) + '" target="_blank" rel="noopener noreferrer">' + label + '</a>' : m;
          });
      }).join('');
      if (h) return '<div class="md-h">' + html + '</div>';
      if (li) return '<div class="md-li">' + (/\d/.test(li[1]) ? esc(li[1]) : '•') + ' ' + html + '</div>';
      return html ? '<div>' + html + '</div>' : '<div class="md-gap"></div>';
    }).join('');
  }).join('');
}

function textObj(t) {
  if (!t) return '';
  return t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text).replace(/:([a-z0-9_+-]+):/g, function (m, n) { return EMOJI[n] || m; });
}

function dataAttrs(block, el, extra) {
  return ' data-action-id="' + esc(el.action_id) + '" data-block-id="' + esc(block.block_id) + '"' + (extra || '');
}

function optionsHtml(el, selected) {
  var groups = el.option_groups ? el.option_groups : [{ options: el.options || [] }];
  return groups.map(function (g) {
    var opts = (g.options || []).map(function (o) {
      return '<option value="' + esc(o.value) + '"' + (selected && selected === o.value ? ' selected' : '') + '>' + esc(o.text && o.text.text) + '</option>';
    }).join('');
    return g.label ? '<optgroup label="' + esc(g.label.text) + '">' + opts + '</optgroup>' : opts;
  }).join('');
}

/** Interactive elements of actions blocks and section accessories. */
function element(block, el) {
  if (!el) return '';
  switch (el.type) {
    case 'button':
      if (el.url) return '<a class="btn ' + esc(el.style || '') + '" href="' + esc(safeUrl(el.url) || '#') + '" target="_blank" rel="noopener noreferrer">' + textObj(el.text) + '</a>';
      return '<button class="btn ' + esc(el.style || '') + '"' + dataAttrs(block, el, ' data-value="' + esc(el.value == null ? '' : el.value) + '"') + '>' + textObj(el.text) + '</button>';
    case 'static_select':
    case 'external_select':
      return '<select class="sel"' + dataAttrs(block, el) + '><option value="">' + esc(el.placeholder ? el.placeholder.text : 'Select…') + '</option>' +
        optionsHtml(el, el.initial_option && el.initial_option.value) + '</select>';
    case 'overflow':
      return '<select class="sel overflow"' + dataAttrs(block, el) + '><option value="">⋯</option>' + optionsHtml(el) + '</select>';
    case 'image':
      return '<img class="acc-img" src="' + esc(safeUrl(el.image_url) || '') + '" alt="' + esc(el.alt_text) + '">';
    default:
      return '<span class="unsupported">[' + esc(el.type) + ']</span>';
  }
}

function richInline(e) {
  var s = e.style || {};
  var h;
  if (e.type === 'text') h = esc(e.text).replace(/\n/g, '<br>');
  else if (e.type === 'link') { var u = safeUrl(e.url); h = u ? '<a href="' + esc(u) + '" target="_blank" rel="noopener noreferrer">' + esc(e.text || e.url) + '</a>' : esc(e.text || e.url); }
  else if (e.type === 'user') h = '<span class="mention">@' + esc(DIR.users[e.user_id] || e.user_id) + '</span>';
  else if (e.type === 'channel') h = '<span class="mention">#' + esc(DIR.channels[e.channel_id] || e.channel_id) + '</span>';
  else if (e.type === 'usergroup') h = '<span class="mention">@' + esc(DIR.groups[e.usergroup_id] || e.usergroup_id) + '</span>';
  else if (e.type === 'emoji') h = esc(emoji(e.name));
  else if (e.type === 'broadcast') h = '<span class="mention">@' + esc(e.range) + '</span>';
  else h = esc(e.text || '');
  if (s.code) h = '<code>' + h + '</code>';
  if (s.bold) h = '<b>' + h + '</b>';
  if (s.italic) h = '<i>' + h + '</i>';
  if (s.strike) h = '<s>' + h + '</s>';
  return h;
}

function richElement(el) {
  var inner = (el.elements || []).map(function (x) { return x.type && x.type.indexOf('rich_text_') === 0 ? richElement(x) : richInline(x); }).join('');
  if (el.type === 'rich_text_preformatted') return '<pre>' + inner + '</pre>';
  if (el.type === 'rich_text_quote') return '<blockquote>' + inner + '</blockquote>';
  if (el.type === 'rich_text_list') {
    var tag = el.style === 'ordered' ? 'ol' : 'ul';
    return '<' + tag + '>' + (el.elements || []).map(function (x) { return '<li>' + richElement(x) + '</li>'; }).join('') + '</' + tag + '>';
  }
  return '<div>' + inner + '</div>';
}

/** Blocks of a message or a Home view (input blocks are rendered by inputBlock inside modals). */
function renderBlocks(blocks, ctx) {
  return (blocks || []).map(function (b) {
    switch (b.type) {
      case 'section':
        return '<div class="blk section"><div class="sec-main">' + (b.text ? '<div class="sec-text">' + textObj(b.text) + '</div>' : '') +
          (b.fields ? '<div class="fields">' + b.fields.map(function (f) { return '<div>' + textObj(f) + '</div>'; }).join('') + '</div>' : '') +
          '</div>' + (b.accessory ? '<div class="acc">' + element(b, b.accessory) + '</div>' : '') + '</div>';
      case 'header': return '<div class="blk header">' + textObj(b.text) + '</div>';
      case 'divider': return '<hr class="blk divider">';
      case 'context':
        return '<div class="blk context">' + (b.elements || []).map(function (e) {
          return e.type === 'image' ? '<img class="ctx-img" src="' + esc(safeUrl(e.image_url) || '') + '" alt="' + esc(e.alt_text) + '">' : '<span>' + textObj(e) + '</span>';
        }).join('') + '</div>';
      case 'image':
        return '<figure class="blk image">' + (b.title ? '<figcaption>' + textObj(b.title) + '</figcaption>' : '') +
          '<img src="' + esc(safeUrl(b.image_url) || '') + '" alt="' + esc(b.alt_text) + '"></figure>';
      case 'actions': return '<div class="blk actions">' + (b.elements || []).map(function (e) { return element(b, e); }).join('') + '</div>';
      case 'rich_text': return '<div class="blk rich">' + (b.elements || []).map(richElement).join('') + '</div>';
      case 'markdown': return '<div class="blk md">' + markdown(b.text) + '</div>';
      case 'input': return ctx && ctx.inputs ? inputBlock(b, ctx) : '<div class="blk unsupported">[input]</div>';
      default: return '<div class="blk unsupported">[' + esc(b.type) + ' block]</div>';
    }
  }).join('');
}

/** An input block inside a modal, with its validation error (ctx.errors[block_id]). */
function inputBlock(b, ctx) {
  var el = b.element || {};
  var id = 'in-' + esc(b.block_id) + '-' + esc(el.action_id);
  var a = ' id="' + id + '" data-input="1" data-type="' + esc(el.type) + '" data-block-id="' + esc(b.block_id) + '" data-action-id="' + esc(el.action_id) + '"';
  var control;
  switch (el.type) {
    case 'plain_text_input':
      control = el.multiline
        ? '<textarea' + a + ' rows="4" placeholder="' + esc(el.placeholder && el.placeholder.text) + '">' + esc(el.initial_value) + '</textarea>'
        : '<input' + a + ' type="text" value="' + esc(el.initial_value) + '" placeholder="' + esc(el.placeholder && el.placeholder.text) + '">';
      break;
    case 'number_input': case 'email_text_input': case 'url_text_input':
      control = '<input' + a + ' type="' + (el.type === 'number_input' ? 'number' : el.type === 'email_text_input' ? 'email' : 'url') + '" value="' + esc(el.initial_value) + '">';
      break;
    case 'datepicker': control = '<input' + a + ' type="date" value="' + esc(el.initial_date) + '">'; break;
    case 'timepicker': control = '<input' + a + ' type="time" value="' + esc(el.initial_time) + '">'; break;
    case 'static_select': case 'external_select':
      control = '<select' + a + '><option value="">' + esc(el.placeholder ? el.placeholder.text : 'Select…') + '</option>' + optionsHtml(el, el.initial_option && el.initial_option.value) + '</select>';
      break;
    case 'users_select':
      control = '<select' + a + '><option value="">Select a person…</option>' + Object.keys(DIR.users).map(function (u) {
        return '<option value="' + esc(u) + '"' + (el.initial_user === u ? ' selected' : '') + '>' + esc(DIR.users[u]) + '</option>';
      }).join('') + '</select>';
      break;
    case 'radio_buttons': case 'checkboxes':
      var initial = el.type === 'radio_buttons' ? [el.initial_option] : (el.initial_options || []);
      control = '<div' + a + ' class="choices">' + (el.options || []).map(function (o) {
        var on = initial.some(function (x) { return x && x.value === o.value; });
        return '<label><input type="' + (el.type === 'radio_buttons' ? 'radio' : 'checkbox') + '" name="' + id + '" value="' + esc(o.value) + '"' + (on ? ' checked' : '') + '> ' + textObj(o.text) +
          (o.description ? '<small>' + textObj(o.description) + '</small>' : '') + '</label>';
      }).join('') + '</div>';
      break;
    default: control = '<span class="unsupported">[' + esc(el.type) + ']</span>';
  }
  var err = ctx.errors && ctx.errors[b.block_id];
  return '<div class="blk input' + (err ? ' has-error' : '') + '"><label class="lbl" for="' + id + '">' + esc(b.label && b.label.text) +
    (b.optional ? ' <span class="opt">(optional)</span>' : '') + '</label>' + control +
    (b.hint ? '<div class="hint">' + textObj(b.hint) + '</div>' : '') + (err ? '<div class="err">' + esc(err) + '</div>' : '') + '</div>';
}
`;

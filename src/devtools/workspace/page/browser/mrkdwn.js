// @ts-check
import { dateToken } from './date-token.js';
import { DIR, EMOJI, esc, safeUrl, unent } from './escape.js';

/**
 * Inline styles on already-escaped text.
 * @param {string} h
 */
function styles(h) {
  return h
    .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,!?:;<])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,!?:;<])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,!?:;<])/g, '$1<s>$2</s>')
    .replace(/:([a-z0-9_+-]+):/g, (m, n) => EMOJI[n] || m);
}

/**
 * One `<...>` token of Slack's message format: a mention, a date, a link, or text.
 * @param {string} inner
 */
function token(inner) {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : '';
  const id = target.slice(1);
  if (target[0] === '@') return `<span class="mention">@${esc(DIR.users[id] || label || id)}</span>`;
  if (target[0] === '#') return `<span class="mention">#${esc(DIR.channels[id] || label || id)}</span>`;
  if (target.startsWith('!date^')) return dateToken(target, label);
  if (target.startsWith('!subteam^')) {
    const group = target.slice(9);
    return `<span class="mention">${esc(label || `@${DIR.groups[group] || group}`)}</span>`;
  }
  if (target[0] === '!') return `<span class="mention">@${esc(label || id)}</span>`;
  const url = safeUrl(unent(target));
  if (!url) return esc(`<${unent(inner)}>`);
  return `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(unent(label || target))}</a>`;
}

/**
 * Text between code spans: tokens and inline styles.
 * @param {string} text
 */
function inline(text) {
  let out = '';
  const re = /<([^<>\n]+)>/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += styles(esc(unent(text.slice(last, m.index)))) + token(String(m[1]));
    last = re.lastIndex;
  }
  return out + styles(esc(unent(text.slice(last))));
}

/**
 * One line: `code` spans kept literal, the rest through inline().
 * @param {string} text
 */
function withCode(text) {
  return String(text)
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 ? `<code>${esc(unent(part.slice(1, -1)))}</code>` : inline(part)))
    .join('');
}

/**
 * Slack mrkdwn → HTML: code blocks, inline code, *bold*, _italic_, ~strike~, <links>, mentions, > quotes.
 * @param {unknown} text
 */
export function mrkdwn(text) {
  const parts = String(text == null ? '' : text).split(/```/);
  return parts
    .map((part, i) => {
      if (i % 2) return `<pre>${esc(unent(part.replace(/^\n/, '')))}</pre>`;
      return part
        .split('\n')
        .map((line) => {
          if (/^(&gt;|>) ?/.test(line)) return `<blockquote>${withCode(line.replace(/^(&gt;|>) ?/, ''))}</blockquote>`;
          return withCode(line);
        })
        .join('<br>')
        .replace(/<\/blockquote><br>/g, '</blockquote>');
    })
    .join('');
}

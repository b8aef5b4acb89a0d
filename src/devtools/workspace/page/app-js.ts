/**
 * Browser app of the workspace page: sidebar, channels/DMs/threads, composer, modals, App Home.
 * Talks only to the test API (/api/test/*) and polls it every 700 ms. No template literals (lives in String.raw).
 */
export const APP_JS = String.raw`
var S = { user: localStorage.getItem('ws-user') || 'clinician', state: null, route: null, thread: null, keys: {}, view: null, home: null, sending: false };
var $ = function (sel, root) { return (root || document).querySelector(sel); };

function api(path, body) {
  return fetch('/api/test/' + path, body === undefined ? { cache: 'no-store' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.message || j.error || r.status); return j; }); });
}
function toast(text) {
  var t = document.createElement('div'); t.className = 'toast'; t.textContent = text; document.body.appendChild(t);
  setTimeout(function () { t.remove(); }, 3500);
}
function me() { return S.state.users.find(function (u) { return u.persona === S.user; }); }
function myDm() { return me().dm; }
function channelName(id) { return DIR.channels[id] ? '#' + DIR.channels[id] : 'pacs-desk'; }
function isDm(id) { return id && id[0] === 'D'; }

function parseRoute() {
  var h = location.hash.replace(/^#\/?/, '');
  if (h === 'home') return { kind: 'home' };
  var m = /^c\/([A-Z0-9]+)(?:\/p(\d+))?(?:\?thread_ts=([\d.]+))?/.exec(h);
  if (m) return { kind: 'channel', channel: m[1], focus: m[2] ? m[2].slice(0, -6) + '.' + m[2].slice(-6) : null, thread: m[3] || null };
  return { kind: 'channel', channel: S.state.channels[0].id };
}

function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }

function route() {
  S.route = parseRoute();
  S.keys = {};
  if (S.route.kind === 'channel' && isDm(S.route.channel) && S.route.channel !== myDm()) S.route.channel = myDm();
  S.thread = S.route.thread || null;
  if (S.route.kind === 'home') api('open-home', { user: S.user, tab: 'home' }).catch(function () {});
  renderShell();
  tick();
}

function renderSidebar() {
  var r = S.route;
  var link = function (hash, label, on) { return '<a href="' + hash + '" class="' + (on ? 'on' : '') + '">' + label + '</a>'; };
  $('aside').innerHTML = '<h1>PACS Desk (local)</h1><div class="who"><label for="who">Acting as</label><select id="who">' + S.state.users.map(function (u) {
    return '<option value="' + esc(u.persona) + '"' + (u.persona === S.user ? ' selected' : '') + '>' + esc(u.real_name) + ' (' + esc(u.persona) + ')</option>';
  }).join('') + '</select></div><h2>Channels</h2>' + S.state.channels.map(function (c) {
    return link('#/c/' + esc(c.id), '# ' + esc(c.name), r.kind === 'channel' && r.channel === c.id);
  }).join('') + '<h2>Apps</h2>' + link('#/c/' + esc(myDm()), '🤖 pacs-desk — Messages', r.kind === 'channel' && r.channel === myDm()) +
    link('#/home', '🏠 pacs-desk — Home', r.kind === 'home');
}

function composer(id, placeholder) {
  return '<div class="composer" id="' + id + '"><div class="suggest" hidden></div><textarea rows="1" placeholder="' + esc(placeholder) + '"></textarea>' +
    '<div class="row"><span><b>*bold*</b> _italic_ \x60code\x60 · @pacs-desk · /pacs …</span><span><button class="ghost" data-shortcut="1" title="Run a global shortcut">⚡ Shortcut</button> <button data-send="1">Send</button></span></div></div>';
}

function renderShell() {
  renderSidebar();
  var r = S.route;
  if (r.kind === 'home') {
    $('main').innerHTML = '<header class="bar">🏠 pacs-desk <span class="sub">Home</span></header><div class="home" id="home"><div class="empty">Loading the Home tab…</div></div>';
  } else {
    var dm = isDm(r.channel);
    $('main').innerHTML = '<header class="bar">' + esc(channelName(r.channel)) + ' <span class="sub">' + (dm ? 'Direct messages with the bot' : esc(S.user) + ' is a member') + '</span></header>' +
      '<div class="list" id="list"></div><div class="prompts" id="prompts"></div>' + composer('main-composer', 'Message ' + channelName(r.channel));
  }
  renderThreadShell();
}

function renderThreadShell() {
  var t = $('#thread');
  if (!S.thread || S.route.kind !== 'channel') { t.hidden = true; t.innerHTML = ''; return; }
  t.hidden = false;
  t.innerHTML = '<header class="bar">Thread <span class="sub">' + esc(channelName(S.route.channel)) + '</span><button class="btn" data-close-thread="1">✕</button></header>' +
    '<div class="list" id="tlist"></div><div class="status" id="tstatus"></div>' + composer('thread-composer', 'Reply…');
}

function initials(name) { return String(name).split(/[\s.]+/).filter(Boolean).slice(0, 2).map(function (x) { return x[0].toUpperCase(); }).join(''); }
function color(id) { var h = 0; for (var i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 360; return 'hsl(' + h + ',45%,42%)'; }

function renderMessage(m, inThread) {
  var bot = !!m.bot_id;
  var name = bot ? 'pacs-desk' : m.user === 'USLACKBOT' ? 'Slackbot' : (DIR.users[m.user] || m.user);
  var time = new Date(Number(m.ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  var body = '';
  if (m.streamed || m.streaming) body += '<div class="text md' + (m.streaming ? ' streaming' : '') + '">' + markdown(m.text) + '</div>';
  if (m.blocks && m.blocks.length) body += renderBlocks(m.blocks, {});
  else if (!(m.streamed || m.streaming)) body += '<div class="text">' + mrkdwn(m.text) + '</div>';
  var reactions = (m.reactions || []).map(function (r) {
    return '<button class="reaction' + (r.users.indexOf(me().id) >= 0 ? ' mine' : '') + '" data-react="' + esc(r.name) + '" title="' + esc(r.users.map(function (u) { return DIR.users[u] || u; }).join(', ')) + '">' + esc(emoji(r.name)) + ' ' + esc(r.count) + '</button>';
  }).join('');
  var replies = !inThread && m.reply_count ? '<button class="replies" data-open-thread="' + esc(m.ts) + '">' + esc(m.reply_count) + (m.reply_count === 1 ? ' reply' : ' replies') + '</button>' : '';
  return '<div class="msg' + (m.ephemeral_for ? ' eph' : '') + '" data-channel="' + esc(m.channel) + '" data-ts="' + esc(m.ts) + '">' +
    '<div class="av" style="background:' + color(m.user || 'x') + '">' + esc(bot ? '🤖' : initials(name)) + '</div><div>' +
    '<div class="meta"><b>' + esc(name) + '</b>' + (bot ? '<span class="app">APP</span>' : '') + '<time>' + esc(time) + '</time>' + (m.edited ? ' <span class="edited">(edited)</span>' : '') + '</div>' +
    (m.ephemeral_for ? '<div class="eph-note">👁 Only visible to you</div>' : '') + body +
    (reactions ? '<div class="reactions">' + reactions + '</div>' : '') + replies + '</div>' +
    '<div class="hover">' + (inThread ? '' : '<button data-open-thread="' + esc(m.ts) + '" title="Reply in thread">💬</button>') +
    ['eyes', 'white_check_mark', 'thumbsup'].map(function (n) { return '<button data-react="' + n + '" title=":' + n + ':">' + emoji(n) + '</button>'; }).join('') +
    '<button data-msg-shortcut="1" title="Message shortcut">⚡</button></div></div>';
}

function renderList(el, msgs, inThread, key) {
  var mine = msgs.filter(function (m) { return !m.ephemeral_for || m.ephemeral_for === me().id; });
  var k = JSON.stringify(mine) + S.user;
  if (!el || S.keys[key] === k) return;
  S.keys[key] = k;
  var atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 60 || !el.dataset.rendered;
  el.innerHTML = mine.length ? mine.map(function (m) { return renderMessage(m, inThread); }).join('') : '<div class="empty">No messages yet. Say hello — mention @pacs-desk or type /pacs.</div>';
  el.dataset.rendered = '1';
  if (atBottom) el.scrollTop = el.scrollHeight;
  if (S.route.focus && !inThread) {
    var f = el.querySelector('[data-ts="' + S.route.focus + '"]');
    if (f) { f.scrollIntoView({ block: 'center' }); f.style.background = '#fff8d6'; }
    S.route.focus = null;
  }
}

function renderModal(stack) {
  var top = stack[stack.length - 1] || null;
  var k = top ? top.id + top.hash + JSON.stringify(top.errors) + stack.length : '';
  if (S.keys.modal === k) return;
  S.keys.modal = k;
  S.view = top;
  var o = $('#overlay');
  if (!top) { o.hidden = true; o.innerHTML = ''; return; }
  o.hidden = false;
  o.innerHTML = '<div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-view-id="' + esc(top.id) + '"><header><span id="modal-title">' + esc(top.title) + '</span><button data-modal-close="1" title="Close">✕</button></header>' +
    '<div class="body">' + renderBlocks(top.blocks, { inputs: true, errors: top.errors }) + '</div><footer>' +
    '<button class="btn" data-modal-close="1">' + esc(top.close || (stack.length > 1 ? 'Back' : 'Cancel')) + '</button>' +
    (top.submit ? '<button class="btn primary" data-modal-submit="1">' + esc(top.submit) + '</button>' : '') + '</footer></div>';
}

function findEl(blocks, blockId, actionId) {
  var b = (blocks || []).find(function (x) { return x.block_id === blockId; });
  return b && b.element && b.element.action_id === actionId ? b.element : null;
}
function findOpt(el, value) {
  var all = (el.options || []).slice();
  (el.option_groups || []).forEach(function (g) { all = all.concat(g.options || []); });
  return all.find(function (o) { return o.value === value; }) || null;
}

/** The modal's inputs in Slack's view.state.values shape. */
function collectValues(root, view) {
  var values = {};
  root.querySelectorAll('[data-input]').forEach(function (node) {
    var b = node.dataset.blockId, a = node.dataset.actionId, t = node.dataset.type;
    var el = findEl(view.blocks, b, a) || {};
    var v = { type: t };
    if (t === 'static_select' || t === 'external_select') v.selected_option = node.value ? findOpt(el, node.value) : null;
    else if (t === 'users_select') v.selected_user = node.value || null;
    else if (t === 'datepicker') v.selected_date = node.value || null;
    else if (t === 'timepicker') v.selected_time = node.value || null;
    else if (t === 'radio_buttons') { var c = node.querySelector('input:checked'); v.selected_option = c ? findOpt(el, c.value) : null; }
    else if (t === 'checkboxes') v.selected_options = Array.prototype.map.call(node.querySelectorAll('input:checked'), function (x) { return findOpt(el, x.value); });
    else v.value = node.value === '' ? null : node.value;
    values[b] = values[b] || {};
    values[b][a] = v;
  });
  return values;
}

function tick() {
  clearTimeout(S.timer);
  var r = S.route, jobs = [];
  if (r.kind === 'channel') {
    jobs.push(api('messages?channel=' + encodeURIComponent(r.channel)).then(function (msgs) { renderList($('#list'), msgs, false, 'main'); }));
    if (isDm(r.channel)) jobs.push(api('assistant?channel=' + r.channel).then(renderPrompts));
    if (S.thread) {
      jobs.push(api('messages?channel=' + encodeURIComponent(r.channel) + '&thread_ts=' + S.thread).then(function (msgs) { renderList($('#tlist'), msgs, true, 'thread'); }));
      jobs.push(api('assistant?channel=' + r.channel + '&thread_ts=' + S.thread).then(function (a) {
        var el = $('#tstatus'); if (el) el.textContent = a.status ? 'pacs-desk ' + a.status : '';
      }));
    }
  } else {
    jobs.push(api('home?user=' + S.user).then(function (h) {
      var k = JSON.stringify(h);
      if (S.keys.home === k) return;
      S.keys.home = k; S.home = h;
      $('#home').innerHTML = h ? '<div data-view-id="' + esc(h.id) + '">' + renderBlocks(h.blocks, {}) + '</div>' : '<div class="empty">The bot has not published a Home view for you yet.</div>';
    }));
  }
  jobs.push(api('views?user=' + S.user).then(renderModal));
  Promise.all(jobs).catch(function (e) { console.error(e); }).then(function () { S.timer = setTimeout(tick, 700); });
}

function renderPrompts(a) {
  var el = $('#prompts');
  var k = JSON.stringify(a.prompts || []);
  if (!el || S.keys.prompts === k) return;
  S.keys.prompts = k;
  el.innerHTML = (a.prompts || []).map(function (p) { return '<button data-prompt="' + esc(p.message) + '">' + esc(p.title) + '</button>'; }).join('');
}

function send(box) {
  var ta = box.querySelector('textarea');
  var text = ta.value.trim();
  if (!text || S.sending) return;
  var inThread = box.id === 'thread-composer';
  var channel = S.route.channel;
  S.sending = true;
  api('post', { user: S.user, channel: channel, text: text, thread_ts: inThread ? S.thread : undefined }).then(function (r) {
    ta.value = '';
    if (r.command && r.command.error) toast(text.split(' ')[0] + ' failed: ' + r.command.error);
    if (!inThread && isDm(channel) && r.ts) { S.thread = r.ts; S.keys = {}; renderThreadShell(); }
    tick();
  }).catch(function (e) { toast(e.message); }).then(function () { S.sending = false; });
}

var CANDIDATES = function () {
  return ['pacs-desk'].concat(S.state.users.map(function (u) { return u.name; })).concat(S.state.usergroups.map(function (g) { return g.handle; }));
};
function suggest(box) {
  var ta = box.querySelector('textarea'), list = box.querySelector('.suggest');
  var before = ta.value.slice(0, ta.selectionStart);
  var m = /(^|\s)@([\w.-]*)$/.exec(before), items = [], prefix = '';
  if (m) { prefix = '@'; items = CANDIDATES().filter(function (c) { return c.indexOf(m[2]) === 0; }); }
  else if (/^\/\w*$/.test(before)) { prefix = ''; items = ['/pacs'].filter(function (c) { return c.indexOf(before) === 0; }); }
  list.hidden = !items.length;
  list.innerHTML = items.map(function (c, i) { return '<div data-pick="' + esc(prefix + c) + '" class="' + (i === 0 ? 'on' : '') + '">' + esc(prefix + c) + '</div>'; }).join('');
}
function pick(box, value) {
  var ta = box.querySelector('textarea');
  var before = ta.value.slice(0, ta.selectionStart).replace(/(@[\w.-]*|^\/\w*)$/, value + ' ');
  ta.value = before + ta.value.slice(ta.selectionStart);
  box.querySelector('.suggest').hidden = true;
  ta.focus();
}

function clickAction(node, value) {
  var msg = node.closest('.msg'), view = node.closest('[data-view-id]');
  var body = { user: S.user, action_id: node.dataset.actionId, value: value };
  if (msg) { body.channel = msg.dataset.channel; body.ts = msg.dataset.ts; }
  else if (view) { body.view_id = view.dataset.viewId; if (S.view && view.dataset.viewId === S.view.id) body.values = collectValues(view, S.view); }
  api('click', body).then(function (r) { if (r.status !== 200) toast('The bot answered ' + r.status + ' (' + r.outcome + ')'); tick(); }).catch(function (e) { toast(e.message); });
}

document.addEventListener('click', function (e) {
  var t = e.target.closest('button, [data-pick]');
  if (!t) return;
  var d = t.dataset, msg = t.closest('.msg');
  if (d.pick) return pick(t.closest('.composer'), d.pick);
  if (d.send) return send(t.closest('.composer'));
  if (d.openThread) { S.thread = d.openThread; S.keys.thread = ''; renderThreadShell(); return tick(); }
  if (d.closeThread) { S.thread = null; return renderThreadShell(); }
  if (d.react && msg) return api('react', { user: S.user, channel: msg.dataset.channel, ts: msg.dataset.ts, name: d.react }).then(tick).catch(function (x) { toast(x.message); });
  if (d.prompt) return api('post', { user: S.user, channel: S.route.channel, text: d.prompt }).then(function (r) { S.thread = r.ts; renderThreadShell(); tick(); }).catch(function (x) { toast(x.message); });
  if (d.shortcut) { var cb = prompt('Global shortcut callback_id', 'new_ticket'); if (cb) api('shortcut', { user: S.user, callback_id: cb }).then(tick).catch(function (x) { toast(x.message); }); return; }
  if (d.msgShortcut && msg) { var mcb = prompt('Message shortcut callback_id', 'create_ticket'); if (mcb) api('shortcut', { user: S.user, callback_id: mcb, channel: msg.dataset.channel, ts: msg.dataset.ts }).then(tick).catch(function (x) { toast(x.message); }); return; }
  if (d.modalClose && S.view) return api('close', { user: S.user, view_id: S.view.id }).then(tick).catch(function (x) { toast(x.message); });
  if (d.modalSubmit && S.view) {
    var root = $('#overlay .modal');
    return api('submit', { user: S.user, view_id: S.view.id, values: collectValues(root, S.view) }).then(function (r) { if (r.error) toast('Submit failed: ' + r.error); S.keys.modal = null; tick(); }).catch(function (x) { toast(x.message); });
  }
  if (d.actionId && t.tagName === 'BUTTON') return clickAction(t, d.value);
});
document.addEventListener('change', function (e) {
  var t = e.target;
  if (t.id === 'who') { S.user = t.value; localStorage.setItem('ws-user', S.user); S.keys = {}; if (S.route.kind === 'channel' && isDm(S.route.channel)) return go('#/c/' + myDm()); return route(); }
  if (t.matches('select.sel') && t.value) { clickAction(t, t.value); if (t.classList.contains('overflow')) t.value = ''; }
});
document.addEventListener('input', function (e) { var box = e.target.closest('.composer'); if (box) suggest(box); });
document.addEventListener('keydown', function (e) {
  var box = e.target.closest && e.target.closest('.composer');
  if (!box || e.target.tagName !== 'TEXTAREA') return;
  var list = box.querySelector('.suggest');
  if (!list.hidden && (e.key === 'Enter' || e.key === 'Tab')) { var on = list.querySelector('.on'); if (on) { e.preventDefault(); return pick(box, on.dataset.pick); } }
  if (e.key === 'Escape') list.hidden = true;
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(box); }
});
window.addEventListener('hashchange', function () {
  var before = S.route && S.route.channel;
  route();
  if (S.route.kind === 'channel' && isDm(S.route.channel) && before !== S.route.channel) api('open-home', { user: S.user, tab: 'messages' }).catch(function () {});
});

api('state').then(function (st) {
  S.state = st;
  st.users.forEach(function (u) { DIR.users[u.id] = u.real_name; });
  DIR.users[st.bot.user_id] = st.bot.name;
  st.channels.forEach(function (c) { DIR.channels[c.id] = c.name; });
  st.usergroups.forEach(function (g) { DIR.groups[g.id] = g.handle; });
  if (!st.users.some(function (u) { return u.persona === S.user; })) S.user = st.users[0].persona;
  route();
}).catch(function (e) { document.body.textContent = 'Could not load the workspace: ' + e.message; });
`;

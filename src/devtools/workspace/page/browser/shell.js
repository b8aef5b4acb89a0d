// @ts-check
import { esc } from './escape.js';
import { $, channelName, isDm, myDm, S, ws } from './state.js';

/** @import { Route } from './types.js' */

/**
 * The route in the location hash: `#/home`, or `#/c/CHANNEL[/pTS][?thread_ts=TS]` (Slack's permalink shape).
 * @returns {Route}
 */
export function parseRoute() {
  const h = location.hash.replace(/^#\/?/, '');
  if (h === 'home') return { kind: 'home' };
  const m = /^c\/([A-Z0-9]+)(?:\/p(\d+))?(?:\?thread_ts=([\d.]+))?/.exec(h);
  if (m) {
    const p = m[2];
    return {
      kind: 'channel',
      channel: String(m[1]),
      focus: p ? `${p.slice(0, -6)}.${p.slice(-6)}` : null,
      thread: m[3] || null,
    };
  }
  return { kind: 'channel', channel: String(ws().channels[0]?.id) };
}

/**
 * A sidebar link, highlighted when it is the current route.
 * @param {string} hash
 * @param {string} label
 * @param {boolean} on
 */
const link = (hash, label, on) => `<a href="${hash}" class="${on ? 'on' : ''}">${label}</a>`;

/** The sidebar: persona picker, channels, the bot's Messages and Home tabs. */
export function renderSidebar() {
  const r = S.route;
  const st = ws();
  const people = st.users.map(
    (u) =>
      `<option value="${esc(u.persona)}"${u.persona === S.user ? ' selected' : ''}>${esc(u.real_name)} (${esc(u.persona)})</option>`,
  );
  const channels = st.channels.map((c) =>
    link(`#/c/${esc(c.id)}`, `# ${esc(c.name)}`, r.kind === 'channel' && r.channel === c.id),
  );
  const aside = $('aside');
  if (!aside) return;
  aside.innerHTML =
    `<h1>PACS Desk (local)</h1><div class="who"><label for="who">Acting as</label><select id="who">${people.join('')}</select></div>` +
    `<h2>Channels</h2>${channels.join('')}<h2>Apps</h2>` +
    link(`#/c/${esc(myDm())}`, '🤖 pacs-desk — Messages', r.kind === 'channel' && r.channel === myDm()) +
    link('#/home', '🏠 pacs-desk — Home', r.kind === 'home');
}

/**
 * A message composer with its mention/command suggestions.
 * @param {string} id
 * @param {string} placeholder
 */
function composer(id, placeholder) {
  return (
    `<div class="composer" id="${id}"><div class="suggest" hidden></div><textarea rows="1" placeholder="${esc(placeholder)}"></textarea>` +
    '<div class="row"><span><b>*bold*</b> _italic_ `code` · @pacs-desk · /pacs …</span><span><button class="ghost" data-shortcut="1" title="Run a global shortcut">⚡ Shortcut</button> <button data-send="1">Send</button></span></div></div>'
  );
}

/** The frame of the current route (header, empty lists, composer); the poll fills the lists. */
export function renderShell() {
  renderSidebar();
  const r = S.route;
  const main = $('main');
  if (!main) return;
  if (r.kind === 'home') {
    main.innerHTML =
      '<header class="bar">🏠 pacs-desk <span class="sub">Home</span></header><div class="home" id="home"><div class="empty">Loading the Home tab…</div></div>';
  } else {
    const dm = isDm(r.channel);
    main.innerHTML =
      `<header class="bar">${esc(channelName(r.channel))} <span class="sub">${dm ? 'Direct messages with the bot' : `${esc(S.user)} is a member`}</span></header>` +
      `<div class="list" id="list"></div><div class="prompts" id="prompts"></div>${composer('main-composer', `Message ${channelName(r.channel)}`)}`;
  }
  renderThreadShell();
}

/** The thread pane: hidden without an open thread. */
export function renderThreadShell() {
  const t = $('#thread');
  if (!t) return;
  if (!S.thread || S.route.kind !== 'channel') {
    t.hidden = true;
    t.innerHTML = '';
    return;
  }
  t.hidden = false;
  t.innerHTML =
    `<header class="bar">Thread <span class="sub">${esc(channelName(S.route.channel))}</span><button class="btn" data-close-thread="1">✕</button></header>` +
    `<div class="list" id="tlist"></div><div class="status" id="tstatus"></div>${composer('thread-composer', 'Reply…')}`;
}

// @ts-check
import { renderBlocks } from './blocks.js';
import { DIR, emoji, esc } from './escape.js';
import { markdown } from './markdown.js';
import { mrkdwn } from './mrkdwn.js';
import { me, S } from './state.js';

/** @import { Message } from './types.js' */

/** The reactions offered on every message's hover bar. */
const QUICK_REACTIONS = ['eyes', 'white_check_mark', 'thumbsup'];

/** @param {string | undefined} name */
const initials = (name) =>
  String(name)
    .split(/[\s.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((x) => String(x[0]).toUpperCase())
    .join('');

/**
 * A stable avatar colour per user id.
 * @param {string} id
 */
function color(id) {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 360;
  return `hsl(${h},45%,42%)`;
}

/**
 * The message's body: streamed markdown, blocks, or its mrkdwn text.
 * @param {Message} m
 */
function body(m) {
  let html = '';
  const streamed = m.streamed || m.streaming;
  if (streamed) html += `<div class="text md${m.streaming ? ' streaming' : ''}">${markdown(m.text)}</div>`;
  if (m.blocks?.length) html += renderBlocks(m.blocks, {});
  else if (!streamed && (m.text || !m.files?.length)) html += `<div class="text">${mrkdwn(m.text)}</div>`;
  for (const f of m.files || []) {
    const title = esc(f.title || f.name);
    html += f.mimetype?.startsWith('image/')
      ? `<figure class="file"><img src="${esc(f.url_private)}" alt="${esc(f.alt_txt || f.title || f.name)}"><figcaption>${title}</figcaption></figure>`
      : `<a class="file" href="${esc(f.url_private)}" target="_blank" rel="noopener">📄 ${title}</a>`;
  }
  return html;
}

/**
 * A message with its author, time, reactions, reply count and hover bar.
 * @param {Message} m
 * @param {boolean} inThread
 */
function renderMessage(m, inThread) {
  const bot = !!m.bot_id;
  const name = bot ? 'pacs-desk' : m.user === 'USLACKBOT' ? 'Slackbot' : DIR.users[String(m.user)] || m.user;
  const time = new Date(Number(m.ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const reactions = (m.reactions || [])
    .map((r) => {
      const who = r.users.map((u) => DIR.users[u] || u).join(', ');
      return `<button class="reaction${r.users.indexOf(me().id) >= 0 ? ' mine' : ''}" data-react="${esc(r.name)}" title="${esc(who)}">${esc(emoji(r.name))} ${esc(r.count)}</button>`;
    })
    .join('');
  const replies =
    !inThread && m.reply_count
      ? `<button class="replies" data-open-thread="${esc(m.ts)}">${esc(m.reply_count)}${m.reply_count === 1 ? ' reply' : ' replies'}</button>`
      : '';
  const hover =
    (inThread ? '' : `<button data-open-thread="${esc(m.ts)}" title="Reply in thread">💬</button>`) +
    QUICK_REACTIONS.map((n) => `<button data-react="${n}" title=":${n}:">${emoji(n)}</button>`).join('') +
    '<button data-msg-shortcut="1" title="Message shortcut">⚡</button>';
  return (
    `<div class="msg${m.ephemeral_for ? ' eph' : ''}" data-channel="${esc(m.channel)}" data-ts="${esc(m.ts)}">` +
    // The colour is applied by renderList: the page's CSP allows no inline style attributes.
    `<div class="av" data-bg="${esc(color(m.user || 'x'))}">${esc(bot ? '🤖' : initials(name))}</div><div>` +
    `<div class="meta"><b>${esc(name)}</b>${bot ? '<span class="app">APP</span>' : ''}<time>${esc(time)}</time>${m.edited ? ' <span class="edited">(edited)</span>' : ''}</div>` +
    (m.ephemeral_for ? '<div class="eph-note">👁 Only visible to you</div>' : '') +
    body(m) +
    (reactions ? `<div class="reactions">${reactions}</div>` : '') +
    `${replies}</div><div class="hover">${hover}</div></div>`
  );
}

/**
 * Renders the messages the acting user may see into a list, only when they changed; keeps the list
 * scrolled to the bottom if it was, and scrolls to (and highlights) a permalinked message once.
 * @param {HTMLElement | null} el
 * @param {Message[]} msgs
 * @param {boolean} inThread
 * @param {string} key
 */
export function renderList(el, msgs, inThread, key) {
  const mine = msgs.filter((m) => !m.ephemeral_for || m.ephemeral_for === me().id);
  const k = JSON.stringify(mine) + S.user;
  if (!el || S.keys[key] === k) return;
  S.keys[key] = k;
  const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 60 || !el.dataset.rendered;
  el.innerHTML = mine.length
    ? mine.map((m) => renderMessage(m, inThread)).join('')
    : '<div class="empty">No messages yet. Say hello — mention @pacs-desk or type /pacs.</div>';
  for (const av of el.querySelectorAll('.av')) {
    if (av instanceof HTMLElement) av.style.background = av.dataset.bg || '';
  }
  el.dataset.rendered = '1';
  if (atBottom) el.scrollTop = el.scrollHeight;
  const route = S.route;
  if (route.kind === 'channel' && route.focus && !inThread) {
    const f = /** @type {HTMLElement | null} */ (el.querySelector(`[data-ts="${route.focus}"]`));
    if (f) {
      f.scrollIntoView({ block: 'center' });
      f.style.background = '#fff8d6';
    }
    route.focus = null;
  }
}

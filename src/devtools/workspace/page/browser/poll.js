// @ts-check
import { renderBlocks } from './blocks.js';
import { esc } from './escape.js';
import { renderList } from './messages.js';
import { renderModal } from './modal.js';
import { parseRoute, renderShell } from './shell.js';
import { $, api, isDm, myDm, S } from './state.js';

/** @import { Assistant, Message, View } from './types.js' */

/** How often the page asks the workspace for news. */
const POLL_MS = 700;

/**
 * Navigates to a hash, re-routing when it is already the current one.
 * @param {string} hash
 */
export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

/** Applies the location hash: renders the route's frame and polls its content. */
export function route() {
  S.route = parseRoute();
  S.keys = {};
  if (S.route.kind === 'channel' && isDm(S.route.channel) && S.route.channel !== myDm()) S.route.channel = myDm();
  S.thread = (S.route.kind === 'channel' && S.route.thread) || null;
  if (S.route.kind === 'home') api('open-home', { user: S.user, tab: 'home' }).catch(() => {});
  renderShell();
  tick();
}

/**
 * The assistant's suggested prompts under the DM, only when they changed.
 * @param {Assistant} a
 */
function renderPrompts(a) {
  const el = $('#prompts');
  const k = JSON.stringify(a.prompts || []);
  if (!el || S.keys.prompts === k) return;
  S.keys.prompts = k;
  el.innerHTML = (a.prompts || [])
    .map((p) => `<button data-prompt="${esc(p.message)}">${esc(p.title)}</button>`)
    .join('');
}

/**
 * The Home tab, only when it changed.
 * @param {View | null} h
 */
function renderHome(h) {
  const k = JSON.stringify(h);
  if (S.keys.home === k) return;
  S.keys.home = k;
  S.home = h;
  const el = $('#home');
  if (!el) return;
  el.innerHTML = h
    ? `<div data-view-id="${esc(h.id)}">${renderBlocks(h.blocks, {})}</div>`
    : '<div class="empty">The bot has not published a Home view for you yet.</div>';
}

/** The requests of one poll for the current route. */
function jobs() {
  const r = S.route;
  /** @type {Promise<unknown>[]} */
  const out = [];
  if (r.kind === 'channel') {
    const channel = encodeURIComponent(r.channel);
    const messages = (/** @type {string} */ path) => /** @type {Promise<Message[]>} */ (api(path));
    out.push(messages(`messages?channel=${channel}`).then((msgs) => renderList($('#list'), msgs, false, 'main')));
    if (isDm(r.channel))
      out.push(api(`assistant?channel=${r.channel}`).then((a) => renderPrompts(/** @type {Assistant} */ (a))));
    if (S.thread) {
      out.push(
        messages(`messages?channel=${channel}&thread_ts=${S.thread}`).then((msgs) =>
          renderList($('#tlist'), msgs, true, 'thread'),
        ),
      );
      out.push(
        api(`assistant?channel=${r.channel}&thread_ts=${S.thread}`).then((a) => {
          const status = /** @type {Assistant} */ (a).status;
          const el = $('#tstatus');
          if (el) el.textContent = status ? `pacs-desk ${status}` : '';
        }),
      );
    }
  } else {
    out.push(api(`home?user=${S.user}`).then((h) => renderHome(/** @type {View | null} */ (h))));
  }
  out.push(api(`views?user=${S.user}`).then((v) => renderModal(/** @type {View[]} */ (v))));
  return out;
}

/** One poll now, then one every POLL_MS after it has settled. */
export function tick() {
  clearTimeout(S.timer);
  Promise.all(jobs())
    .catch((e) => {
      console.error(e);
    })
    .then(() => {
      S.timer = setTimeout(tick, POLL_MS);
    });
}

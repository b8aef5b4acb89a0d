// @ts-check
import { esc } from './escape.js';
import { tick } from './poll.js';
import { renderThreadShell } from './shell.js';
import { api, fail, isDm, S, toast, ws } from './state.js';

/**
 * The composer's textarea and suggestion list.
 * @param {HTMLElement} box
 */
export function parts(box) {
  const ta = /** @type {HTMLTextAreaElement} */ (box.querySelector('textarea'));
  const list = /** @type {HTMLElement} */ (box.querySelector('.suggest'));
  return { ta, list };
}

/**
 * Posts the composer's text as the acting user (a slash command runs it). A first message in the bot's DM
 * opens its thread, where the assistant answers.
 * @param {HTMLElement} box
 */
export function send(box) {
  const { ta } = parts(box);
  const text = ta.value.trim();
  if (!text || S.sending || S.route.kind !== 'channel') return;
  const inThread = box.id === 'thread-composer';
  const channel = S.route.channel;
  S.sending = true;
  api('post', { user: S.user, channel, text, thread_ts: inThread ? S.thread : undefined })
    .then((res) => {
      const r = /** @type {{ ts?: string; command?: { error?: string } }} */ (res);
      ta.value = '';
      if (r.command?.error) toast(`${text.split(' ')[0]} failed: ${r.command.error}`);
      if (!inThread && isDm(channel) && r.ts) {
        S.thread = r.ts;
        S.keys = {};
        renderThreadShell();
      }
      tick();
    })
    .catch(fail)
    .then(() => {
      S.sending = false;
    });
}

/** Who and what can be @-mentioned: the bot, every person, every user group. */
const candidates = () => {
  const st = ws();
  return ['pacs-desk', ...st.users.map((u) => u.name), ...st.usergroups.map((g) => g.handle)];
};

/**
 * Shows the @-mention or /command completions for the text before the cursor.
 * @param {HTMLElement} box
 */
export function suggest(box) {
  const { ta, list } = parts(box);
  const before = ta.value.slice(0, ta.selectionStart);
  const m = /(^|\s)@([\w.-]*)$/.exec(before);
  /** @type {string[]} */
  let items = [];
  let prefix = '';
  if (m) {
    prefix = '@';
    items = candidates().filter((c) => c.indexOf(String(m[2])) === 0);
  } else if (/^\/\w*$/.test(before)) {
    prefix = '';
    items = ['/pacs'].filter((c) => c.indexOf(before) === 0);
  }
  list.hidden = !items.length;
  list.innerHTML = items
    .map((c, i) => `<div data-pick="${esc(prefix + c)}" class="${i === 0 ? 'on' : ''}">${esc(prefix + c)}</div>`)
    .join('');
}

/**
 * Replaces the word being completed with the picked suggestion.
 * @param {HTMLElement} box
 * @param {string} value
 */
export function pick(box, value) {
  const { ta, list } = parts(box);
  const before = ta.value.slice(0, ta.selectionStart).replace(/(@[\w.-]*|^\/\w*)$/, `${value} `);
  ta.value = before + ta.value.slice(ta.selectionStart);
  list.hidden = true;
  ta.focus();
}

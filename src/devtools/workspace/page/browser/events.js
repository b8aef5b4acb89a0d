// @ts-check
import { clickAction, shortcut } from './actions.js';
import { parts, pick, send, suggest } from './composer.js';
import { collectValues } from './modal.js';
import { go, route, tick } from './poll.js';
import { renderThreadShell } from './shell.js';
import { $, api, fail, isDm, myDm, S, toast } from './state.js';

/**
 * Every button of the page: send, threads, reactions, prompts, shortcuts, modal close/submit, block actions.
 * @param {MouseEvent} e
 */
function onClick(e) {
  const target = /** @type {Element | null} */ (e.target);
  const t = /** @type {HTMLElement | null} */ (target?.closest('button, [data-pick]') ?? null);
  if (!t) return;
  const d = t.dataset;
  const msg = /** @type {HTMLElement | null} */ (t.closest('.msg'));
  const box = /** @type {HTMLElement} */ (t.closest('.composer'));
  if (d.pick) return pick(box, d.pick);
  if (d.send) return send(box);
  if (d.openThread) {
    S.thread = d.openThread;
    S.keys.thread = '';
    renderThreadShell();
    return tick();
  }
  if (d.closeThread) {
    S.thread = null;
    return renderThreadShell();
  }
  if (d.react && msg) {
    api('react', { user: S.user, channel: msg.dataset.channel, ts: msg.dataset.ts, name: d.react })
      .then(tick)
      .catch(fail);
    return;
  }
  if (d.prompt && S.route.kind === 'channel') {
    api('post', { user: S.user, channel: S.route.channel, text: d.prompt })
      .then((r) => {
        S.thread = /** @type {{ ts?: string }} */ (r).ts ?? null;
        renderThreadShell();
        tick();
      })
      .catch(fail);
    return;
  }
  if (d.shortcut) return shortcut('Global shortcut callback_id', 'new_ticket');
  if (d.msgShortcut && msg) return shortcut('Message shortcut callback_id', 'create_ticket', msg);
  if (d.modalClose && S.view) {
    api('close', { user: S.user, view_id: S.view.id }).then(tick).catch(fail);
    return;
  }
  if (d.modalSubmit && S.view) {
    const root = $('#overlay .modal');
    const values = root ? collectValues(root, S.view) : {};
    api('submit', { user: S.user, view_id: S.view.id, values })
      .then((r) => {
        const error = /** @type {{ error?: string }} */ (r).error;
        if (error) toast(`Submit failed: ${error}`);
        S.keys.modal = null;
        tick();
      })
      .catch(fail);
    return;
  }
  if (d.actionId && t.tagName === 'BUTTON') clickAction(t, d.value);
}

/**
 * The persona picker, and selects/overflow menus in blocks.
 * @param {Event} e
 */
function onChange(e) {
  const t = /** @type {HTMLSelectElement} */ (e.target);
  if (t.id === 'who') {
    S.user = t.value;
    localStorage.setItem('ws-user', S.user);
    S.keys = {};
    if (S.route.kind === 'channel' && isDm(S.route.channel)) return go(`#/c/${myDm()}`);
    return route();
  }
  if (t.matches('select.sel') && t.value) {
    clickAction(t, t.value);
    if (t.classList.contains('overflow')) t.value = '';
  }
}

/**
 * Enter sends (Shift+Enter is a new line); Enter or Tab takes the highlighted suggestion; Escape hides them.
 * @param {KeyboardEvent} e
 */
function onKeydown(e) {
  const target = /** @type {HTMLElement} */ (e.target);
  const box = /** @type {HTMLElement | null} */ (target.closest?.('.composer') ?? null);
  if (!box || target.tagName !== 'TEXTAREA') return;
  const { list } = parts(box);
  if (!list.hidden && (e.key === 'Enter' || e.key === 'Tab')) {
    const on = /** @type {HTMLElement | null} */ (list.querySelector('.on'));
    if (on) {
      e.preventDefault();
      return pick(box, String(on.dataset.pick));
    }
  }
  if (e.key === 'Escape') list.hidden = true;
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    send(box);
  }
}

/** Wires the page's event handlers (once, on the document and the window). */
export function listen() {
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  document.addEventListener('input', (e) => {
    const box = /** @type {HTMLElement | null} */ (/** @type {Element} */ (e.target).closest('.composer'));
    if (box) suggest(box);
  });
  document.addEventListener('keydown', onKeydown);
  window.addEventListener('hashchange', () => {
    const before = S.route.kind === 'channel' ? S.route.channel : undefined;
    route();
    if (S.route.kind === 'channel' && isDm(S.route.channel) && before !== S.route.channel)
      api('open-home', { user: S.user, tab: 'messages' }).catch(() => {});
  });
}

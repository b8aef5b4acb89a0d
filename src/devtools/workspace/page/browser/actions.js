// @ts-check
import { collectValues } from './modal.js';
import { tick } from './poll.js';
import { api, fail, S, toast } from './state.js';

/**
 * A button, select or overflow choice in a message, a modal or the Home tab: Slack's block_actions.
 * In the open modal, the current input values go along (view.state.values).
 * @param {HTMLElement} node
 * @param {string | undefined} value
 */
export function clickAction(node, value) {
  const msg = /** @type {HTMLElement | null} */ (node.closest('.msg'));
  const view = /** @type {HTMLElement | null} */ (node.closest('[data-view-id]'));
  /** @type {Record<string, unknown>} */
  const body = { user: S.user, action_id: node.dataset.actionId, value };
  if (msg) {
    body.channel = msg.dataset.channel;
    body.ts = msg.dataset.ts;
  } else if (view) {
    body.view_id = view.dataset.viewId;
    if (S.view && view.dataset.viewId === S.view.id) body.values = collectValues(view, S.view);
  }
  api('click', body)
    .then((res) => {
      const r = /** @type {{ status?: number; outcome?: string }} */ (res);
      if (r.status !== 200) toast(`The bot answered ${r.status} (${r.outcome})`);
      tick();
    })
    .catch(fail);
}

/**
 * Asks for a shortcut's callback_id and runs it (a message shortcut on `msg`).
 * @param {string} question
 * @param {string} initial
 * @param {HTMLElement | null} [msg]
 */
export function shortcut(question, initial, msg) {
  const callbackId = prompt(question, initial);
  if (!callbackId) return;
  const on = msg ? { channel: msg.dataset.channel, ts: msg.dataset.ts } : {};
  api('shortcut', { user: S.user, callback_id: callbackId, ...on })
    .then(tick)
    .catch(fail);
}

// @ts-check
import { renderBlocks } from './blocks.js';
import { esc } from './escape.js';
import { $, S } from './state.js';

/** @import { Block, SlackElement, SlackOption, View, ViewValues } from './types.js' */

/**
 * Shows the top of the user's modal stack (or hides the overlay), only when it changed.
 * @param {View[]} stack
 */
export function renderModal(stack) {
  const top = stack[stack.length - 1] || null;
  const k = top ? String(top.id) + top.hash + JSON.stringify(top.errors) + stack.length : '';
  if (S.keys.modal === k) return;
  S.keys.modal = k;
  S.view = top;
  const o = $('#overlay');
  if (!o) return;
  if (!top) {
    o.hidden = true;
    o.innerHTML = '';
    return;
  }
  o.hidden = false;
  const close = top.close || (stack.length > 1 ? 'Back' : 'Cancel');
  o.innerHTML =
    `<div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-view-id="${esc(top.id)}"><header><span id="modal-title">${esc(top.title)}</span><button data-modal-close="1" title="Close">✕</button></header>` +
    `<div class="body">${renderBlocks(top.blocks, { inputs: true, errors: top.errors })}</div><footer>` +
    `<button class="btn" data-modal-close="1">${esc(close)}</button>` +
    (top.submit ? `<button class="btn primary" data-modal-submit="1">${esc(top.submit)}</button>` : '') +
    '</footer></div>';
}

/**
 * The element of an input block, when its action_id matches.
 * @param {Block[] | undefined} blocks
 * @param {string | undefined} blockId
 * @param {string | undefined} actionId
 * @returns {SlackElement | null}
 */
function findEl(blocks, blockId, actionId) {
  const b = (blocks || []).find((x) => x.block_id === blockId);
  return b?.element && b.element.action_id === actionId ? b.element : null;
}

/**
 * The option (in options or option groups) with this value, as Slack sends it back.
 * @param {Partial<SlackElement>} el
 * @param {string} value
 * @returns {SlackOption | null}
 */
function findOpt(el, value) {
  let all = (el.options || []).slice();
  for (const g of el.option_groups || []) all = all.concat(g.options || []);
  return all.find((o) => o.value === value) || null;
}

/**
 * One input's value in Slack's shape for its element type.
 * @param {HTMLElement} node
 * @param {Partial<SlackElement>} el
 * @param {string | undefined} t
 * @returns {Record<string, unknown>}
 */
function inputValue(node, el, t) {
  /** @type {Record<string, unknown>} */
  const v = { type: t };
  const value = 'value' in node && typeof node.value === 'string' ? node.value : '';
  if (t === 'static_select' || t === 'external_select') v.selected_option = value ? findOpt(el, value) : null;
  else if (t === 'users_select') v.selected_user = value || null;
  else if (t === 'datepicker') v.selected_date = value || null;
  else if (t === 'timepicker') v.selected_time = value || null;
  else if (t === 'radio_buttons') {
    const c = /** @type {HTMLInputElement | null} */ (node.querySelector('input:checked'));
    v.selected_option = c ? findOpt(el, c.value) : null;
  } else if (t === 'checkboxes') {
    const checked = /** @type {NodeListOf<HTMLInputElement>} */ (node.querySelectorAll('input:checked'));
    v.selected_options = Array.prototype.map.call(checked, (/** @type {HTMLInputElement} */ x) => findOpt(el, x.value));
  } else v.value = value === '' ? null : value;
  return v;
}

/**
 * The modal's inputs in Slack's view.state.values shape.
 * @param {ParentNode} root
 * @param {View} view
 * @returns {ViewValues}
 */
export function collectValues(root, view) {
  /** @type {ViewValues} */
  const values = {};
  /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-input]')).forEach((node) => {
    const b = String(node.dataset.blockId);
    const a = String(node.dataset.actionId);
    const el = findEl(view.blocks, node.dataset.blockId, node.dataset.actionId) || {};
    values[b] = values[b] || {};
    values[b][a] = inputValue(node, el, node.dataset.type);
  });
  return values;
}

// @ts-check
import { EMOJI, esc, safeUrl } from './escape.js';
import { mrkdwn } from './mrkdwn.js';

/** @import { Block, SlackElement, TextLike } from './types.js' */

/**
 * A text object as HTML: mrkdwn rendered, plain text escaped with its :emoji: shown.
 * @param {TextLike | string | undefined} t
 */
export function textObj(t) {
  if (!t) return '';
  if (typeof t === 'string') return '';
  return t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text).replace(/:([a-z0-9_+-]+):/g, (m, n) => EMOJI[n] || m);
}

/**
 * The attributes that tell the click handler which action this control is.
 * @param {Block} block
 * @param {SlackElement} el
 * @param {string} [extra]
 */
function dataAttrs(block, el, extra) {
  return ` data-action-id="${esc(el.action_id)}" data-block-id="${esc(block.block_id)}"${extra || ''}`;
}

/**
 * `<option>`s (in `<optgroup>`s when the element has option groups).
 * @param {SlackElement} el
 * @param {string} [selected]
 */
export function optionsHtml(el, selected) {
  const groups = el.option_groups ? el.option_groups : [{ options: el.options || [] }];
  return groups
    .map((g) => {
      const opts = (g.options || [])
        .map(
          (o) =>
            `<option value="${esc(o.value)}"${selected && selected === o.value ? ' selected' : ''}>${esc(o.text?.text)}</option>`,
        )
        .join('');
      return 'label' in g && g.label ? `<optgroup label="${esc(g.label.text)}">${opts}</optgroup>` : opts;
    })
    .join('');
}

/**
 * A button's style class (`primary`, `danger`) or nothing.
 * @param {SlackElement} el
 */
const styleOf = (el) => esc(typeof el.style === 'string' ? el.style : '');

/**
 * Interactive elements of actions blocks and section accessories.
 * @param {Block} block
 * @param {SlackElement | undefined} el
 */
export function element(block, el) {
  if (!el) return '';
  switch (el.type) {
    case 'button':
      if (el.url)
        return `<a class="btn ${styleOf(el)}" href="${esc(safeUrl(el.url) || '#')}" target="_blank" rel="noopener noreferrer">${textObj(el.text)}</a>`;
      return `<button class="btn ${styleOf(el)}"${dataAttrs(block, el, ` data-value="${esc(el.value == null ? '' : el.value)}"`)}>${textObj(el.text)}</button>`;
    case 'static_select':
    case 'external_select':
      return `<select class="sel"${dataAttrs(block, el)}><option value="">${esc(el.placeholder ? el.placeholder.text : 'Select…')}</option>${optionsHtml(el, el.initial_option?.value)}</select>`;
    case 'overflow':
      return `<select class="sel overflow"${dataAttrs(block, el)}><option value="">⋯</option>${optionsHtml(el)}</select>`;
    case 'image':
      return `<img class="acc-img" src="${esc(safeUrl(el.image_url) || '')}" alt="${esc(el.alt_text)}">`;
    default:
      return `<span class="unsupported">[${esc(el.type)}]</span>`;
  }
}

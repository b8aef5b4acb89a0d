// @ts-check

import { optionsHtml, textObj } from './elements.js';
import { DIR, esc } from './escape.js';

/** @import { Block, RenderContext, SlackElement } from './types.js' */

/** HTML input types of Slack's typed text inputs. */
const INPUT_TYPES = /** @type {const} */ ({ number_input: 'number', email_text_input: 'email', url_text_input: 'url' });

/**
 * Radio buttons or checkboxes, with the initial choices checked.
 * @param {SlackElement} el
 * @param {string} a the control's attributes
 * @param {string} id
 */
function choices(el, a, id) {
  const initial = el.type === 'radio_buttons' ? [el.initial_option] : el.initial_options || [];
  const kind = el.type === 'radio_buttons' ? 'radio' : 'checkbox';
  const items = (el.options || []).map((o) => {
    const on = initial.some((x) => x && x.value === o.value);
    return `<label><input type="${kind}" name="${id}" value="${esc(o.value)}"${on ? ' checked' : ''}> ${textObj(o.text)}${o.description ? `<small>${textObj(o.description)}</small>` : ''}</label>`;
  });
  return `<div${a} class="choices">${items.join('')}</div>`;
}

/**
 * The form control of an input block's element.
 * @param {SlackElement} el
 * @param {string} a the control's attributes
 * @param {string} id
 */
function control(el, a, id) {
  switch (el.type) {
    case 'plain_text_input':
      return el.multiline
        ? `<textarea${a} rows="4" placeholder="${esc(el.placeholder?.text)}">${esc(el.initial_value)}</textarea>`
        : `<input${a} type="text" value="${esc(el.initial_value)}" placeholder="${esc(el.placeholder?.text)}">`;
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return `<input${a} type="${INPUT_TYPES[el.type]}" value="${esc(el.initial_value)}">`;
    case 'datepicker':
      return `<input${a} type="date" value="${esc(el.initial_date)}">`;
    case 'timepicker':
      return `<input${a} type="time" value="${esc(el.initial_time)}">`;
    case 'static_select':
    case 'external_select':
      return `<select${a}><option value="">${esc(el.placeholder ? el.placeholder.text : 'Select…')}</option>${optionsHtml(el, el.initial_option?.value)}</select>`;
    case 'users_select': {
      const people = Object.keys(DIR.users).map(
        (u) => `<option value="${esc(u)}"${el.initial_user === u ? ' selected' : ''}>${esc(DIR.users[u])}</option>`,
      );
      return `<select${a}><option value="">Select a person…</option>${people.join('')}</select>`;
    }
    case 'radio_buttons':
    case 'checkboxes':
      return choices(el, a, id);
    default:
      return `<span class="unsupported">[${esc(el.type)}]</span>`;
  }
}

/**
 * An input block inside a modal, with its validation error (ctx.errors[block_id]).
 * @param {Block} b
 * @param {RenderContext} ctx
 */
export function inputBlock(b, ctx) {
  const el = b.element || { type: '' };
  const id = `in-${esc(b.block_id)}-${esc(el.action_id)}`;
  const a = ` id="${id}" data-input="1" data-type="${esc(el.type)}" data-block-id="${esc(b.block_id)}" data-action-id="${esc(el.action_id)}"`;
  const err = ctx.errors?.[String(b.block_id)];
  return `<div class="blk input${err ? ' has-error' : ''}"><label class="lbl" for="${id}">${esc(b.label?.text)}${b.optional ? ' <span class="opt">(optional)</span>' : ''}</label>${control(el, a, id)}${b.hint ? `<div class="hint">${textObj(b.hint)}</div>` : ''}${err ? `<div class="err">${esc(err)}</div>` : ''}</div>`;
}

// @ts-check
import { element, textObj } from './elements.js';
import { esc, safeUrl } from './escape.js';
import { inputBlock } from './inputs.js';
import { markdown } from './markdown.js';
import { richElement } from './rich-text.js';

/** @import { Block, RenderContext } from './types.js' */

/**
 * A section: its text, its fields in two columns, and its accessory on the right.
 * @param {Block} b
 */
function section(b) {
  const text = b.text ? `<div class="sec-text">${textObj(b.text)}</div>` : '';
  const fields = b.fields
    ? `<div class="fields">${b.fields.map((f) => `<div>${textObj(f)}</div>`).join('')}</div>`
    : '';
  const accessory = b.accessory ? `<div class="acc">${element(b, b.accessory)}</div>` : '';
  return `<div class="blk section"><div class="sec-main">${text}${fields}</div>${accessory}</div>`;
}

/**
 * Images and texts in one small grey line.
 * @param {Block} b
 */
function context(b) {
  const items = (b.elements || []).map((e) =>
    e.type === 'image'
      ? `<img class="ctx-img" src="${esc(safeUrl(e.image_url) || '')}" alt="${esc(e.alt_text)}">`
      : `<span>${textObj(e)}</span>`,
  );
  return `<div class="blk context">${items.join('')}</div>`;
}

/**
 * One block as HTML.
 * @param {Block} b
 * @param {RenderContext} ctx
 */
function block(b, ctx) {
  switch (b.type) {
    case 'section':
      return section(b);
    case 'header':
      return `<div class="blk header">${textObj(b.text)}</div>`;
    case 'divider':
      return '<hr class="blk divider">';
    case 'context':
      return context(b);
    case 'image':
      return `<figure class="blk image">${b.title ? `<figcaption>${textObj(b.title)}</figcaption>` : ''}<img src="${esc(safeUrl(b.image_url) || '')}" alt="${esc(b.alt_text)}"></figure>`;
    case 'actions':
      return `<div class="blk actions">${(b.elements || []).map((e) => element(b, e)).join('')}</div>`;
    case 'rich_text':
      return `<div class="blk rich">${(b.elements || []).map(richElement).join('')}</div>`;
    case 'markdown':
      return `<div class="blk md">${markdown(b.text)}</div>`;
    case 'input':
      return ctx?.inputs ? inputBlock(b, ctx) : '<div class="blk unsupported">[input]</div>';
    default:
      return `<div class="blk unsupported">[${esc(b.type)} block]</div>`;
  }
}

/**
 * Blocks of a message, a modal or a Home view (input blocks only inside modals: `ctx.inputs`).
 * @param {Block[] | undefined} blocks
 * @param {RenderContext} ctx
 */
export function renderBlocks(blocks, ctx) {
  return (blocks || []).map((b) => block(b, ctx)).join('');
}

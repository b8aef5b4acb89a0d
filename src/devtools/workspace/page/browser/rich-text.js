// @ts-check
import { DIR, emoji, esc, safeUrl } from './escape.js';

/** @import { SlackElement } from './types.js' */

/**
 * One run of a rich-text section (text, link, mention, emoji) with its bold/italic/strike/code style.
 * @param {SlackElement} e
 */
function richInline(e) {
  const s = typeof e.style === 'object' ? e.style : {};
  let h;
  if (e.type === 'text') h = esc(e.text).replace(/\n/g, '<br>');
  else if (e.type === 'link') {
    const u = safeUrl(e.url);
    h = u
      ? `<a href="${esc(u)}" target="_blank" rel="noopener noreferrer">${esc(e.text || e.url)}</a>`
      : esc(e.text || e.url);
  } else if (e.type === 'user') h = `<span class="mention">@${esc(DIR.users[String(e.user_id)] || e.user_id)}</span>`;
  else if (e.type === 'channel')
    h = `<span class="mention">#${esc(DIR.channels[String(e.channel_id)] || e.channel_id)}</span>`;
  else if (e.type === 'usergroup')
    h = `<span class="mention">@${esc(DIR.groups[String(e.usergroup_id)] || e.usergroup_id)}</span>`;
  else if (e.type === 'emoji') h = esc(emoji(e.name));
  else if (e.type === 'broadcast') h = `<span class="mention">@${esc(e.range)}</span>`;
  else h = esc(e.text || '');
  if (s.code) h = `<code>${h}</code>`;
  if (s.bold) h = `<b>${h}</b>`;
  if (s.italic) h = `<i>${h}</i>`;
  if (s.strike) h = `<s>${h}</s>`;
  return h;
}

/**
 * A rich-text section, preformatted block, quote or list (lists nest).
 * @param {SlackElement} el
 * @returns {string}
 */
export function richElement(el) {
  const inner = (el.elements || [])
    .map((x) => (x.type?.startsWith('rich_text_') ? richElement(x) : richInline(x)))
    .join('');
  if (el.type === 'rich_text_preformatted') return `<pre>${inner}</pre>`;
  if (el.type === 'rich_text_quote') return `<blockquote>${inner}</blockquote>`;
  if (el.type === 'rich_text_list') {
    const tag = el.style === 'ordered' ? 'ol' : 'ul';
    return `<${tag}>${(el.elements || []).map((x) => `<li>${richElement(x)}</li>`).join('')}</${tag}>`;
  }
  return `<div>${inner}</div>`;
}

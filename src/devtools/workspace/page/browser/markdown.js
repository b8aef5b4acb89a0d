// @ts-check
import { esc, safeUrl } from './escape.js';

/**
 * An indented line under a list item continues that item (markdown wraps long items this way).
 * @param {string[]} lines
 */
function joinContinuations(lines) {
  /** @type {string[]} */
  const out = [];
  let inItem = false;
  for (const line of lines) {
    const item = /^\s*([-*]|\d+\.)\s+/.test(line);
    if (inItem && !item && /^\s+\S/.test(line)) {
      out[out.length - 1] += ` ${line.trim()}`;
      continue;
    }
    inItem = item;
    out.push(line);
  }
  return out;
}

/**
 * Code spans, **bold**, *italic*, _italic_ and [links](url) of one line, escaped.
 * @param {string} body
 */
function inlineMarkdown(body) {
  return body
    .split(/(`[^`]+`)/)
    .map((seg, j) => {
      if (j % 2) return `<code>${esc(seg.slice(1, -1))}</code>`;
      return esc(seg)
        .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
        .replace(/(^|\W)\*([^*\n]+)\*(?=\W|$)/g, '$1<i>$2</i>')
        .replace(/(^|\W)_([^_\n]+)_(?=\W|$)/g, '$1<i>$2</i>')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, label, url) => {
          const u = safeUrl(url.replace(/&amp;/g, '&'));
          return u ? `<a href="${esc(u)}" target="_blank" rel="noopener noreferrer">${label}</a>` : m;
        });
    })
    .join('');
}

/**
 * One line of markdown: a heading, a list item (its number kept) or a paragraph line.
 * @param {string} line
 */
function markdownLine(line) {
  const h = /^(#{1,6})\s+(.*)$/.exec(line);
  let body = h ? String(h[2]) : line;
  const li = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(body);
  if (li) body = String(li[2]);
  const html = inlineMarkdown(body);
  if (h) return `<div class="md-h">${html}</div>`;
  if (li) return `<div class="md-li">${/\d/.test(String(li[1])) ? esc(li[1]) : '•'} ${html}</div>`;
  return html ? `<div>${html}</div>` : '<div class="md-gap"></div>';
}

/**
 * Standard markdown (markdown blocks, streamed text): headings, lists (numbers kept), **bold**, [links](url), code.
 * @param {unknown} text
 */
export function markdown(text) {
  const parts = String(text == null ? '' : text).split(/```/);
  return parts
    .map((part, i) => {
      if (i % 2) return `<pre>${esc(part.replace(/^[a-z]*\n/, ''))}</pre>`;
      return joinContinuations(part.split('\n')).map(markdownLine).join('');
    })
    .join('');
}

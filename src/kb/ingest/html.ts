import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import { parseFrontMatter, toTags } from './front-matter.js';
import type { LoadedDocument } from './loaded-document.js';

/** Page chrome and non-content: Confluence/SharePoint exports are full of it. */
const DROP = new Set(['script', 'style', 'nav', 'noscript', 'template', 'svg', 'head', 'iframe', 'button', 'form']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'blockquote',
  'dl',
  'dt',
]);
const HEADING = /^h([1-6])$/;

function inline(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function renderTable(table: HTMLElement): string {
  const rows = table.querySelectorAll('tr').map((row) =>
    row
      .querySelectorAll('th,td')
      .map((cell) => inline(cell.text).trim())
      .join(' | '),
  );
  return `\n\n${rows.filter((row) => row !== '').join('\n')}\n\n`;
}

function renderChildren(node: Node, listDepth: number): string {
  return node.childNodes.map((child) => render(child, listDepth)).join('');
}

function render(node: Node, listDepth: number): string {
  if (node.nodeType === NodeType.TEXT_NODE) return inline(node.text);
  if (node.nodeType !== NodeType.ELEMENT_NODE) return '';
  const element = node as HTMLElement;
  const tag = element.rawTagName?.toLowerCase() ?? '';
  if (DROP.has(tag)) return '';
  const heading = HEADING.exec(tag);
  if (heading) return `\n\n${'#'.repeat(Number(heading[1]))} ${inline(element.text).trim()}\n\n`;
  switch (tag) {
    case 'br':
      return '\n';
    case 'hr':
      return '\n\n';
    case 'pre':
      return `\n\n\`\`\`\n${element.text.replace(/\n+$/, '')}\n\`\`\`\n\n`;
    case 'table':
      return renderTable(element);
    case 'ul':
    case 'ol':
      return `\n${renderChildren(element, listDepth + 1)}\n`;
    case 'li':
      return `\n${'  '.repeat(Math.max(0, listDepth - 1))}- ${renderChildren(element, listDepth).trim()}`;
    case 'dd':
      return `\n: ${renderChildren(element, listDepth).trim()}\n`;
    default:
      if (BLOCK.has(tag)) return `\n\n${renderChildren(element, listDepth)}\n\n`;
      return renderChildren(element, listDepth);
  }
}

/**
 * Converts an HTML page (e.g. a Confluence or SharePoint export) to Markdown so that chunking follows its headings.
 * Scripts, styles and navigation are dropped; tables become `a | b` lines and lists `- item` lines.
 *
 * @example htmlToMarkdown('<h2>Ports</h2><p>Use 104</p>').markdown // '## Ports\n\nUse 104'
 */
export function htmlToMarkdown(html: string): { markdown: string; title?: string } {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const title = root.querySelector('title')?.text.trim();
  const body = root.querySelector('body') ?? root;
  const markdown = render(body, 0)
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return title ? { markdown, title } : { markdown };
}

/**
 * Loads an HTML document. Front matter is honoured when the file starts with one (some exporters prepend it).
 *
 * @example loadHtml('<title>PACS</title><h1>Ports</h1>').title // 'PACS'
 */
export function loadHtml(text: string): LoadedDocument {
  const { data, body } = parseFrontMatter(text);
  const converted = htmlToMarkdown(body);
  const doc: LoadedDocument = { markdown: converted.markdown, tags: data.tags, structured: true };
  const title = data.title ?? converted.title;
  if (title !== undefined && title !== '') doc.title = title;
  if (data.url !== undefined) doc.url = data.url;
  if (data.trusted) doc.trusted = true;
  const audience = toTags(data.audience);
  if (audience.length > 0) doc.audience = audience;
  return doc;
}

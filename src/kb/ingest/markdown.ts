import { parseFrontMatter, toTags } from './front-matter.js';
import type { LoadedDocument } from './loaded-document.js';

/**
 * Loads Markdown or plain text (plain text is valid Markdown without headings), honouring front matter.
 *
 * @example loadMarkdown('---\ntags: [viewer]\n---\n# Viewer\nText').tags // ['viewer']
 */
export function loadMarkdown(text: string): LoadedDocument {
  const { data, body } = parseFrontMatter(text.replace(/\r\n?/g, '\n'));
  const doc: LoadedDocument = { markdown: body, tags: data.tags, structured: true };
  if (data.title !== undefined) doc.title = data.title;
  if (data.url !== undefined) doc.url = data.url;
  if (data.trusted) doc.trusted = true;
  const audience = toTags(data.audience);
  if (audience.length > 0) doc.audience = audience;
  return doc;
}

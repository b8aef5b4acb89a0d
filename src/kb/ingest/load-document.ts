import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { loadDocx } from './docx.js';
import { loadHtml } from './html.js';
import type { LoadedDocument } from './loaded-document.js';
import { loadMarkdown } from './markdown.js';
import { loadPdf } from './pdf.js';

/** File extensions the KB indexes; everything else in the folder is ignored (not a failure). */
export const SUPPORTED_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm', '.pdf', '.docx'] as const;

/** True when {@link loadDocument} knows the file's format. */
export function isSupported(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/**
 * Reads one file and converts it to Markdown according to its extension. Throws on unreadable or corrupt files;
 * the caller records those as failures.
 *
 * @example const doc = await loadDocument('/kb/faq/viewer.md', await readFile('/kb/faq/viewer.md'))
 */
export async function loadDocument(path: string, content?: Buffer): Promise<LoadedDocument> {
  const buffer = content ?? (await readFile(path));
  switch (extname(path).toLowerCase()) {
    case '.pdf':
      return loadPdf(buffer);
    case '.docx':
      return loadDocx(buffer);
    case '.html':
    case '.htm':
      return loadHtml(buffer.toString('utf8'));
    default:
      return loadMarkdown(buffer.toString('utf8'));
  }
}

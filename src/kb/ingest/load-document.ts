import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LoadedDocument } from './loaded-document.js';

/** File extensions the KB indexes; everything else in the folder is ignored (not a failure). */
export const SUPPORTED_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm', '.pdf', '.docx'] as const;

/** Answers drafted from tickets wait here (relative to the KB folder) until a KB owner publishes them. */
export const DRAFTS_FOLDER = 'drafts';

/**
 * True when {@link loadDocument} knows the file's format and the file (a path relative to the KB folder) is not an
 * unpublished draft: drafts stay out of answers whatever KB_EXCLUDE says.
 */
export function isSupported(path: string): boolean {
  if (path.split(/[\\/]/)[0] === DRAFTS_FOLDER) return false;
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/**
 * Reads one file and converts it to Markdown according to its extension. Throws on unreadable or corrupt files;
 * the caller records those as failures. Each format's loader (and its parser library) is imported on first use, so a
 * start that finds every file in the index cache loads none of them.
 *
 * @example const doc = await loadDocument('/kb/faq/viewer.md', await readFile('/kb/faq/viewer.md'))
 */
export async function loadDocument(path: string, content?: Buffer): Promise<LoadedDocument> {
  const buffer = content ?? (await readFile(path));
  switch (extname(path).toLowerCase()) {
    case '.pdf':
      return (await import('./pdf.js')).loadPdf(buffer);
    case '.docx':
      return (await import('./docx.js')).loadDocx(buffer);
    case '.html':
    case '.htm':
      return (await import('./html.js')).loadHtml(buffer.toString('utf8'));
    default:
      return (await import('./markdown.js')).loadMarkdown(buffer.toString('utf8'));
  }
}

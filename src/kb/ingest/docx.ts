import { htmlToMarkdown } from './html.js';
import type { LoadedDocument } from './loaded-document.js';

/**
 * Loads a Word .docx file. Mammoth maps Word's Heading 1-6 styles to `<h1>`-`<h6>`, and the HTML path turns those
 * into Markdown headings, so the document structure survives into chunking. Mammoth loads on the first .docx only.
 *
 * @example await loadDocx(await readFile('runbook.docx'))
 */
export async function loadDocx(buffer: Buffer): Promise<LoadedDocument> {
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.convertToHtml({ buffer });
  const { markdown } = htmlToMarkdown(`<body>${value}</body>`);
  return { markdown, tags: [], structured: true };
}

import type { LoadedDocument } from './loaded-document.js';

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/**
 * Extracts the text of a PDF with pdfjs-dist (legacy build, which runs in Node). PDFs carry no reliable heading
 * structure, so the result is marked unstructured and chunked by size; the title is the PDF's Title metadata if set.
 * pdfjs-dist loads on the first PDF only: it costs ~200 ms of startup that a Markdown-only KB should not pay.
 *
 * @example await loadPdf(await readFile('downtime.pdf'))
 */
export async function loadPdf(buffer: Buffer): Promise<LoadedDocument> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(buffer),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as TextItemLike[]) {
        text += item.str ?? '';
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.replace(/[ \t]+\n/g, '\n').trim());
      page.cleanup();
    }
    const meta = await pdf.getMetadata().catch(() => undefined);
    const info = meta?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() !== '' ? info.Title.trim() : undefined;
    const doc: LoadedDocument = { markdown: pages.filter((p) => p !== '').join('\n\n'), tags: [], structured: false };
    if (title !== undefined) doc.title = title;
    return doc;
  } finally {
    await task.destroy();
  }
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { scanFiles } from '../src/kb/corpus/scan-files.js';

/** FNV-1a, enough to pick words deterministically. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Copy `copy` of a page: about one word in ten (chosen per copy) gets a copy-specific suffix, so every copy adds
 * its own vocabulary the way another team's pages would, while keeping the page's structure and length.
 */
export function varyText(text: string, copy: number): string {
  if (copy === 0) return text;
  const suffix = copy.toString(36);
  return text.replace(/\b[a-z]{5,}\b/g, (word) => (hash(`${word}:${copy}`) % 10 === 0 ? `${word}q${suffix}` : word));
}

/**
 * Writes `pages` Markdown pages built from the pages under `corpora` into `target` (copy N in `copy-N/`, file names
 * suffixed `-N`). Returns the number of pages and bytes written.
 *
 * @example await buildSyntheticKb('/work/shared/corpora', '/tmp/kb10k', 10_000)
 */
export async function buildSyntheticKb(
  corpora: string,
  target: string,
  pages: number,
): Promise<{ pages: number; bytes: number }> {
  const files = await scanFiles(corpora);
  const texts = await Promise.all(files.map(async (f) => [f.source, await readFile(f.path, 'utf8')] as const));
  let bytes = 0;
  for (let i = 0; i < pages; i++) {
    const copy = Math.floor(i / texts.length);
    const [source, text] = texts[i % texts.length] as readonly [string, string];
    const path = join(target, `copy-${copy}`, source.replace(/\.md$/, `-${copy}.md`));
    const body = varyText(text, copy);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
    bytes += Buffer.byteLength(body);
  }
  return { pages, bytes };
}

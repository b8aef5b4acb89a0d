import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndexCache } from '../../src/kb/corpus/read-index-cache.js';
import { refreshCorpus } from '../../src/kb/corpus/refresh-corpus.js';
import { scanFiles } from '../../src/kb/corpus/scan-files.js';
import { saveIndexCache } from '../../src/kb/corpus/write-index-cache.js';
import { createKnowledgeBase, type KnowledgeBase } from '../../src/kb/index.js';
import { tempDir } from './fixtures.js';

const STARTER_KB = fileURLToPath(new URL('../../knowledge', import.meta.url));
const QUESTIONS = fileURLToPath(new URL('../fixtures/starter-questions.jsonl', import.meta.url));

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

async function temp(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return dir;
}

/** Everything a caller sees of a search: passages, scores, abstention. */
async function answers(kb: KnowledgeBase, questions: readonly string[]) {
  const out = [];
  for (const q of questions) {
    const { results, answerable, confidence } = await kb.search(q, { limit: 8 });
    out.push({ q, answerable, confidence, results: results.map((r) => [r.chunk.id, r.score]) });
  }
  return out;
}

describe('index cache round trip', () => {
  it('gives the same search results from the cache as from the files, and the cache holds every document', async () => {
    const cacheDir = await temp();
    const questions = (await readFile(QUESTIONS, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { question: string }).question);
    const built = await createKnowledgeBase({ dir: STARTER_KB, cacheDir });
    const fromFiles = await answers(built, questions);
    await built.close();

    const cached = await loadIndexCache(cacheDir, STARTER_KB);
    expect(cached.size).toBe(built.stats().documents);
    const loaded = await createKnowledgeBase({ dir: STARTER_KB, cacheDir });
    expect(loaded.stats().chunks).toBe(built.stats().chunks);
    expect(await answers(loaded, questions)).toEqual(fromFiles);
    await loaded.close();
  });

  it('writes only the terms still used: a word removed from the KB leaves the cache', async () => {
    const dir = await temp();
    const cacheDir = await temp();
    await cp(join(STARTER_KB), dir, { recursive: true });
    await writeFile(join(dir, 'zebra.md'), '# Zebra\n\nThe quagga printer is on floor two.');
    const kb = await createKnowledgeBase({ dir, cacheDir });
    expect((await kb.search('quagga printer')).results[0]?.chunk.source).toBe('zebra.md');
    await writeFile(join(dir, 'zebra.md'), '# Zebra\n\nThe printer is on floor two.');
    await kb.reindex();
    await kb.close();
    const file = await readFile(join(cacheDir, 'kb-index.bin'), 'latin1');
    expect(file).not.toContain('"quagga"');
    expect(file).toContain('"printer"');
  });

  it('gives back every chunk field: page fields, front matter, non-ASCII text, long sections split in parts', async () => {
    const dir = await temp();
    const cacheDir = await temp();
    await writeFile(
      join(dir, 'wiki.md'),
      '---\ntitle: Réseau\nurl: https://wiki.example/p/1\ntrusted: true\ntags: [net, dicom]\n---\n' +
        `# Réseau\n\nÜber die Firewall: port 104 ✓\n\n## Long\n\n${'Paragraph about C-MOVE and C-STORE. '.repeat(80)}`,
    );
    await writeFile(join(dir, 'plain.txt'), 'Plain text, no headings. 日本語 too.');
    const { documents } = await refreshCorpus(new Map(), await scanFiles(dir));
    await saveIndexCache(cacheDir, dir, documents);
    const loaded = await loadIndexCache(cacheDir, dir);
    expect([...loaded.keys()]).toEqual([...documents.keys()]);
    for (const [source, entry] of documents) {
      const back = loaded.get(source);
      expect(back?.chunks).toEqual(entry.chunks);
      expect(back?.chunks.length).toBeGreaterThan(0);
      const terms = (e: typeof entry) => [...e.analyzed.ids].map((id) => e.analyzed.dictionary.terms[id]);
      expect(back && terms(back)).toEqual(terms(entry));
      expect([...(back?.analyzed.ends ?? [])]).toEqual([...entry.analyzed.ends]);
    }
    expect(documents.get('wiki.md')?.chunks[0]).toMatchObject({ url: 'https://wiki.example/p/1', trusted: true });
  });
});

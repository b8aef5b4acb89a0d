import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndexCache } from '../../src/kb/corpus/index-cache.js';
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
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodePostings } from '../../src/kb/corpus/cache-postings.js';
import { buildLexicalIndex } from '../../src/kb/search/build-packed-index.js';
import { tempDir } from './fixtures.js';

// Counts index builds of a non-empty KB (the KB starts from an empty snapshot): a start served from the cache must
// take the stored postings instead of building.
const builds = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/kb/search/build-packed-index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/kb/search/build-packed-index.js')>();
  return {
    ...actual,
    buildPackedIndex: (...args: Parameters<typeof actual.buildPackedIndex>) => {
      if (args[0].length > 0) builds.count++;
      return actual.buildPackedIndex(...args);
    },
  };
});

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

async function setup() {
  const kbDir = await tempDir();
  const cache = await tempDir();
  cleanups.push(kbDir.cleanup, cache.cleanup);
  await writeFile(join(kbDir.dir, 'ports.md'), '# Ports\n\nThe archive listens on port 104.\n\n## TLS\n\nUse 2762.');
  await writeFile(join(kbDir.dir, 'viewer.md'), '# Viewer\n\nThe viewer needs Chrome.');
  return { dir: kbDir.dir, cacheDir: cache.dir };
}

async function freshKb(options: { dir: string; cacheDir: string }) {
  vi.resetModules();
  const { createKnowledgeBase } = await import('../../src/kb/index.js');
  return createKnowledgeBase(options);
}

const top = async (kb: Awaited<ReturnType<typeof freshKb>>, q: string) => {
  const { results } = await kb.search(q);
  return results.map((r) => [r.chunk.id, r.score]);
};

describe('postings in the index cache', () => {
  it('serve a restart with unchanged files without building the index, with the same results', async () => {
    const options = await setup();
    const first = await freshKb(options);
    const expected = [await top(first, 'port 104'), await top(first, 'chrome viewer')];
    await first.close();
    builds.count = 0;
    const second = await freshKb(options);
    expect([await top(second, 'port 104'), await top(second, 'chrome viewer')]).toEqual(expected);
    expect(builds.count).toBe(0);
    await second.close();
  });

  it('are ignored with the rest of the cache when damaged (a chunk number out of range), and rebuilt', async () => {
    const options = await setup();
    await (await freshKb(options)).close();
    const file = join(options.cacheDir, 'kb-index.bin');
    const bytes = await readFile(file);
    const words = bytes.readUInt32LE(8);
    const termCount = bytes.readInt32LE(20 + 4 * words);
    // First posting's chunk number, after the three counts and termStart.
    bytes.writeInt32LE(999, 20 + 4 * words + 12 + 4 * (termCount + 1));
    await writeFile(file, bytes);
    builds.count = 0;
    const kb = await freshKb(options);
    expect(builds.count).toBeGreaterThan(0);
    expect((await kb.search('chrome')).results[0]?.chunk.source).toBe('viewer.md');
    await kb.close();
  });

  it('encode every array of the index', () => {
    const index = buildLexicalIndex([{ title: ['port'], heading: ['tls'], body: ['dicom', 'port', 'dicom'] }]);
    const section = encodePostings(index);
    expect(section.readInt32LE(0)).toBe(index.termCount);
    expect(section.readInt32LE(4)).toBe(index.docs.length);
    expect(section.readInt32LE(8)).toBe(index.positions.length);
    expect(section.length % 4).toBe(0);
  });
});

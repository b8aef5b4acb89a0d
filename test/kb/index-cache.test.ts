import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from './fixtures.js';

// Counts how often the (heavy) splitter module is loaded: a start served from the cache must not load it.
const splitterLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@langchain/textsplitters', async (importOriginal) => {
  splitterLoads.count++;
  return importOriginal();
});
// PDF and Word parsers load only when such a file is ingested.
const parserLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('pdfjs-dist/legacy/build/pdf.mjs', async (importOriginal) => {
  parserLoads.count++;
  return importOriginal();
});
vi.mock('mammoth', async (importOriginal) => {
  parserLoads.count++;
  return importOriginal();
});

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Whole seconds, so that restoring the mtime after an edit reproduces it exactly. */
const FIXED_TIME = new Date('2024-01-01T00:00:00Z');
const LONG = `# Ports\n\n${'The archive listens on port 104 for DICOM associations. '.repeat(40)}`;

async function setup() {
  const kbDir = await tempDir();
  const cache = await tempDir();
  cleanup = async () => {
    await kbDir.cleanup();
    await cache.cleanup();
  };
  await writeFile(join(kbDir.dir, 'ports.md'), LONG);
  await writeFile(join(kbDir.dir, 'viewer.md'), '# Viewer\n\nThe viewer needs Chrome.');
  for (const name of ['ports.md', 'viewer.md']) await utimes(join(kbDir.dir, name), FIXED_TIME, FIXED_TIME);
  return { dir: kbDir.dir, cacheDir: cache.dir };
}

/** A fresh module graph, as in a new process. */
async function freshKb(options: { dir: string; cacheDir: string }) {
  vi.resetModules();
  const { createKnowledgeBase } = await import('../../src/kb/index.js');
  return createKnowledgeBase(options);
}

/** Rewrites a file with same-size content and its old mtime: only a cache hit can still serve the old text. */
async function replaceUnnoticed(path: string, from: string, to: string) {
  await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
  await utimes(path, FIXED_TIME, FIXED_TIME);
}

const topText = async (kb: { search: (q: string) => Promise<{ results: { chunk: { text: string } }[] }> }, q: string) =>
  (await kb.search(q)).results[0]?.chunk.text ?? '';

describe('index cache', () => {
  it('serves a restart with unchanged files from the cache, without loading the splitter', async () => {
    const options = await setup();
    const first = await freshKb(options);
    expect(first.stats().chunks).toBeGreaterThan(2);
    await first.close();
    const loadsAfterFirst = splitterLoads.count;
    expect(loadsAfterFirst).toBeGreaterThan(0);

    await replaceUnnoticed(join(options.dir, 'viewer.md'), 'Chrome', 'Safari');
    const second = await freshKb(options);
    expect(second.stats()).toMatchObject({ documents: 2, chunks: first.stats().chunks });
    expect(await topText(second, 'chrome')).toContain('Chrome');
    await second.close();
    expect(splitterLoads.count).toBe(loadsAfterFirst);
    expect(parserLoads.count).toBe(0);
  });

  it('re-chunks a file whose size or mtime changed and keeps the others', async () => {
    const options = await setup();
    await (await freshKb(options)).close();
    await writeFile(join(options.dir, 'viewer.md'), '# Viewer\n\nThe viewer needs Firefox now.');
    const kb = await freshKb(options);
    expect(await topText(kb, 'firefox')).toContain('Firefox');
    expect(await topText(kb, 'port 104')).toContain('104');
    await kb.close();
  });

  it.each([
    ['garbage instead of a cache', () => 'not a cache at all'],
    ['a truncated file', (bytes: string) => bytes.slice(0, Math.floor(bytes.length / 2))],
    ['another version', (bytes: string) => bytes.replace(/"fingerprint":"[0-9a-f]+"/, '"fingerprint":"0000"')],
    ['malformed entries', (bytes: string) => bytes.replace(/"chunks":\[/g, '"chunks":[42,')],
    ['a term id outside the term list', (bytes: string) => `${bytes.slice(0, 20)}\xff\xff\xff\x7f${bytes.slice(24)}`],
    ['a version 2 JSON cache', () => JSON.stringify({ fingerprint: 'x', dir: '/', documents: {} })],
  ])('ignores a cache with %s and rebuilds it', async (_name, damage) => {
    const options = await setup();
    await (await freshKb(options)).close();
    const file = join(options.cacheDir, 'kb-index.bin');
    // latin1 maps bytes to characters one to one, so the binary part survives the text edit.
    await writeFile(file, damage(await readFile(file, 'latin1')), 'latin1');
    await replaceUnnoticed(join(options.dir, 'viewer.md'), 'Chrome', 'Safari');

    const kb = await freshKb(options);
    expect(await topText(kb, 'safari')).toContain('Safari');
    expect(kb.stats().documents).toBe(2);
    await kb.close();
    expect((await readFile(file, 'latin1')).startsWith('PDKBIDX\n')).toBe(true);
    expect(await readFile(file, 'latin1')).toContain('"documents":2');
  });

  it('ignores the cache of another KB folder', async () => {
    const options = await setup();
    await (await freshKb(options)).close();
    const other = await tempDir();
    await writeFile(join(other.dir, 'viewer.md'), '# Viewer\n\nThe viewer needs Opera.');
    const kb = await freshKb({ dir: other.dir, cacheDir: options.cacheDir });
    expect(kb.stats().documents).toBe(1);
    expect(await topText(kb, 'opera')).toContain('Opera');
    await kb.close();
    await other.cleanup();
  });
});

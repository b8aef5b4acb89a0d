import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/kb/index.js';
import { analyze } from '../../src/kb/search/analyzer.js';
import type { Embedder } from '../../src/kb/types.js';
import { tempDir } from './fixtures.js';

/** Deterministic fake: hashed bag of stemmed words in 64 dimensions; records every call. */
class FakeEmbedder implements Embedder {
  readonly model = 'fake-bow-64';
  calls: string[][] = [];
  fail = false;
  async embed(texts: string[]): Promise<number[][]> {
    if (this.fail) throw new Error('provider down');
    this.calls.push(texts);
    return texts.map((text) => {
      const vector = new Array<number>(64).fill(0);
      for (const term of analyze(text)) {
        let h = 0;
        for (const ch of term) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
        vector[h % 64] = (vector[h % 64] ?? 0) + 1;
      }
      return vector;
    });
  }
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup() {
  const kbDir = await tempDir();
  const cache = await tempDir();
  cleanup = async () => {
    await kbDir.cleanup();
    await cache.cleanup();
  };
  await writeFile(join(kbDir.dir, 'ports.md'), '# Ports\n\nThe archive listens on port 104 for C-STORE.');
  await writeFile(join(kbDir.dir, 'viewer.md'), '# Viewer\n\nThe viewer opens studies from the worklist.');
  return { dir: kbDir.dir, cacheDir: cache.dir };
}

describe('embeddings', () => {
  it('embeds chunks once, then a restart reuses the on-disk cache', async () => {
    const { dir, cacheDir } = await setup();
    const first = new FakeEmbedder();
    const kb1 = await createKnowledgeBase({ dir, cacheDir, embedder: first });
    expect(first.calls.flat()).toHaveLength(2);
    expect((await readdir(cacheDir)).sort()).toEqual(['embeddings-fake-bow-64.json', 'kb-index.bin']);
    await kb1.close();

    const second = new FakeEmbedder();
    const kb2 = await createKnowledgeBase({ dir, cacheDir, embedder: second });
    expect(second.calls).toHaveLength(0);
    const response = await kb2.search('which port does the archive listen on');
    expect(response.results[0]?.chunk.source).toBe('ports.md');
    expect(second.calls).toEqual([['which port does the archive listen on']]);
    await kb2.close();
  });

  it('re-embeds only the chunk whose text changed', async () => {
    const { dir, cacheDir } = await setup();
    const embedder = new FakeEmbedder();
    const kb = await createKnowledgeBase({ dir, cacheDir, embedder });
    embedder.calls = [];
    await writeFile(join(dir, 'ports.md'), '# Ports\n\nThe archive listens on port 11112 for C-STORE.');
    await kb.reindex();
    expect(embedder.calls).toHaveLength(1);
    expect(embedder.calls[0]).toHaveLength(1);
    expect(embedder.calls[0]?.[0]).toContain('11112');
    await kb.close();
  });

  it('falls back to lexical results when the embedder throws', async () => {
    const { dir, cacheDir } = await setup();
    const embedder = new FakeEmbedder();
    const kb = await createKnowledgeBase({ dir, cacheDir, embedder });
    embedder.fail = true;
    const response = await kb.search('port 104');
    expect(response.results[0]?.chunk.source).toBe('ports.md');
    await kb.close();

    const broken = new FakeEmbedder();
    broken.fail = true;
    const lexicalOnly = await createKnowledgeBase({ dir, embedder: broken });
    expect((await lexicalOnly.search('viewer worklist')).results[0]?.chunk.source).toBe('viewer.md');
    await lexicalOnly.close();
  });
});

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type IndexStats } from '../../src/kb/index.js';
import { tempDir } from './fixtures.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup() {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  await mkdir(join(tmp.dir, 'faq'));
  await writeFile(join(tmp.dir, 'faq', 'ports.md'), '# Ports\n\nThe archive listens on port 104.');
  await writeFile(join(tmp.dir, 'faq', 'viewer.md'), '# Viewer\n\nThe viewer needs Chrome.');
  return tmp.dir;
}

const sources = async (
  kb: { search: (q: string) => Promise<{ results: { chunk: { source: string; text: string } }[] }> },
  q: string,
) => (await kb.search(q)).results.map((r) => r.chunk);

describe('incremental reindex', () => {
  it('finds new text and forgets old text after a file changes', async () => {
    const dir = await setup();
    const kb = await createKnowledgeBase({ dir });
    expect((await sources(kb, 'port 104'))[0]?.text).toContain('104');
    await writeFile(join(dir, 'faq', 'ports.md'), '# Ports\n\nThe archive now listens on port 11112.');
    const stats = await kb.reindex();
    expect(stats.documents).toBe(2);
    expect((await sources(kb, 'port 11112'))[0]?.text).toContain('11112');
    expect((await sources(kb, '104')).length).toBe(0);
    await kb.close();
  });

  it('adds new files and drops removed ones', async () => {
    const dir = await setup();
    const kb = await createKnowledgeBase({ dir });
    await rm(join(dir, 'faq', 'viewer.md'));
    await writeFile(join(dir, 'faq', 'worklist.txt'), 'The modality worklist refreshes every minute.');
    const stats = await kb.reindex();
    expect(stats.documents).toBe(2);
    expect(await sources(kb, 'chrome')).toEqual([]);
    expect((await sources(kb, 'worklist'))[0]?.source).toBe('faq/worklist.txt');
    await kb.close();
  });

  it('re-reads nothing when nothing changed and keeps the same chunks', async () => {
    const dir = await setup();
    const kb = await createKnowledgeBase({ dir });
    const before = await sources(kb, 'port');
    await kb.reindex();
    const after = await sources(kb, 'port');
    expect(after[0]).toBe(before[0]);
    await kb.close();
  });

  it('re-indexes on file changes in watch mode and emits the new stats', async () => {
    const dir = await setup();
    const kb = await createKnowledgeBase({ dir, watch: true });
    const indexed = new Promise<IndexStats>((resolve) => {
      const off = kb.onIndexed((stats) => {
        if (stats.documents === 3) {
          off();
          resolve(stats);
        }
      });
    });
    await mkdir(join(dir, 'downtime'));
    await writeFile(join(dir, 'downtime', 'plan.md'), '# Downtime\n\nUse the paper requisition during downtime.');
    expect((await indexed).documents).toBe(3);
    expect((await sources(kb, 'paper requisition'))[0]?.source).toBe('downtime/plan.md');
    await kb.close();
  });
});

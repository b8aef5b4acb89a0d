import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../../src/kb/index.js';
import { tempDir } from '../fixtures.js';

const STARTER_KB = fileURLToPath(new URL('../../../knowledge', import.meta.url));

// Issue 9's case: a short page added to a copy of the starter KB lost to one long page's accumulated passages
// (21st for its own title; every top-8 result came from reading-room-workstations.md).
const SHORT_PAGE =
  '# Viewer black screen\n\nBlack screen after opening a study: press the reset key (R) on the keyboard, or close ' +
  'the study and open it again.\n';

let kb: WatchableKnowledgeBase;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  await cp(STARTER_KB, tmp.dir, { recursive: true });
  await writeFile(join(tmp.dir, 'viewer', 'black-screen.md'), SHORT_PAGE);
  kb = await createKnowledgeBase({ dir: tmp.dir });
});

afterAll(async () => {
  await kb.close();
  await cleanup();
});

const pagesOf = (results: { chunk: { source: string } }[]) => [...new Set(results.map((r) => r.chunk.source))];

describe('a short exact page among long ones', () => {
  it('ranks first for its own title', async () => {
    const { results } = await kb.search('viewer black screen', { limit: 8 });
    expect(results[0]?.chunk.source).toBe('viewer/black-screen.md');
  });

  it('is in the top 3 pages for a near-verbatim sentence of its body', async () => {
    const { results } = await kb.search('black screen after opening a study press the reset key', { limit: 8 });
    expect(pagesOf(results).slice(0, 3)).toContain('viewer/black-screen.md');
  });
});

describe('result diversity', () => {
  it('gives no page more than 2 of the top results, so other pages fill the list', async () => {
    const { results } = await kb.search('monitor black no signal calibration workstation login', { limit: 8 });
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r.chunk.source, (counts.get(r.chunk.source) ?? 0) + 1);
    expect(results).toHaveLength(8);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect(counts.size).toBeGreaterThanOrEqual(4);
  });

  it("keeps a page's passages together and scores non-increasing, for callers that group by page", async () => {
    const { results } = await kb.search('viewer black screen', { limit: 10 });
    const pages = results.map((r) => r.chunk.source);
    const firstSeen = pagesOf(results);
    const regrouped = firstSeen.flatMap((page) => pages.filter((p) => p === page));
    expect(pages.slice(0, regrouped.length)).toEqual(regrouped);
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

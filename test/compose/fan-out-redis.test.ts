import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisBusBackend } from '../../src/cluster/bus-backends/redis.js';
import { createKnowledgeBase, type IndexStats } from '../../src/kb/index.js';
import { capturedLogger, recorder, testChannel } from '../cluster/bus-helpers.js';
import { tempKb } from '../kb/fixtures.js';
import { replica } from './fan-out-replicas.js';

const url = 'redis://127.0.0.1:6379';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('fan-out over the Redis bus', () => {
  it('/pacs reindex on A reaches B through Redis pub/sub; B answers from the new page', async () => {
    const folder = await tempKb({ 'faq/ports.md': '# Ports\n\nThe archive listens on port 104.' });
    cleanups.push(folder.cleanup);
    const channel = testChannel();
    const { logger } = capturedLogger();
    const backends = await Promise.all([
      createRedisBusBackend({ url, channel, logger }),
      createRedisBusBackend({ url, channel, logger }),
    ]);
    const kbA = await createKnowledgeBase({ dir: folder.dir });
    const kbB = await createKnowledgeBase({ dir: folder.dir });
    cleanups.push(kbA.close, kbB.close);
    const a = replica('A', backends[0], kbA);
    const b = replica('B', backends[1], kbB);
    cleanups.push(a.close, b.close);
    const indexedB = recorder<IndexStats>();
    kbB.onIndexed((stats) => indexedB.push(stats));

    await writeFile(join(folder.dir, 'faq', 'worklist.md'), '# Worklist\n\nThe worklist refreshes every 90 seconds.');
    expect((await kbB.search('worklist refreshes')).results).toEqual([]);
    await a.fanOut.reindex('U0ADMIN');
    await indexedB.next((stats) => stats.documents === 2, "B's re-index after A's Reindex");

    const answer = (await kbB.search('worklist refreshes')).results[0]?.chunk.text;
    expect(answer).toContain('90 seconds');
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type MessageOf, Topic } from '../../src/cluster/bus.js';
import { createMemoryBusHub } from '../../src/cluster/bus-backends/memory.js';
import { createKnowledgeBase, type IndexStats, type WatchableKnowledgeBase } from '../../src/kb/index.js';
import { recorder } from '../cluster/bus-helpers.js';
import { tempKb } from '../kb/fixtures.js';
import { countingKb, reconnectable, replica } from './fan-out-replicas.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A KB over `dir` whose completed re-indexes the test can await, and whose reindex() calls it counts. */
async function kbOver(dir: string, watch = false) {
  const kb: WatchableKnowledgeBase = await createKnowledgeBase({ dir, watch });
  const indexed = recorder<IndexStats>();
  kb.onIndexed((stats) => indexed.push(stats));
  const counted = { ...kb, calls: 0 };
  counted.reindex = () => {
    counted.calls += 1;
    return kb.reindex();
  };
  cleanups.push(() => kb.close());
  return { kb: counted, indexed };
}

const texts = async (kb: WatchableKnowledgeBase, q: string) => (await kb.search(q)).results.map((r) => r.chunk.text);

/** Two replicas over one in-process hub, sharing one KB folder (as on shared storage). */
async function twoReplicas(options: { watchA?: boolean } = {}) {
  const folder = await tempKb({ 'faq/ports.md': '# Ports\n\nThe archive listens on port 104.' });
  cleanups.push(folder.cleanup);
  const hub = createMemoryBusHub();
  const kbA = await kbOver(folder.dir, options.watchA);
  const kbB = await kbOver(folder.dir);
  const a = replica('A', hub.connect(), kbA.kb);
  const b = replica('B', hub.connect(), kbB.kb);
  cleanups.push(a.close, b.close);
  return { dir: folder.dir, a, b, kbA, kbB };
}

const newPage = '# Worklist\n\nThe modality worklist refreshes every 90 seconds.';

describe('fan-out over one bus: the knowledge base', () => {
  it('/pacs reindex on A → B re-indexes and answers from the new page; A re-indexes once', async () => {
    const { dir, a, kbA, kbB } = await twoReplicas();
    await writeFile(join(dir, 'faq', 'worklist.md'), newPage);
    expect(await texts(kbB.kb, 'worklist refreshes')).toEqual([]);
    const before = kbB.indexed.items.length;

    const stats = await a.fanOut.reindex('U0ADMIN');
    expect(stats.documents).toBe(2);
    await kbB.indexed.next((s) => s.documents === 2, "B's re-index");

    expect(kbB.indexed.items.length).toBe(before + 1);
    expect((await texts(kbB.kb, 'worklist refreshes'))[0]).toContain('90 seconds');
    // A hears its own Reindex too (delivered with B's), and does not re-index for it.
    expect(kbA.kb.calls).toBe(1);
  });

  it("a file change seen by A's watcher → KbChanged names the file (no contents) → B re-indexes", async () => {
    const { dir, b, kbB } = await twoReplicas({ watchA: true });
    const heard = recorder<MessageOf<typeof Topic.KbChanged>>();
    b.bus.subscribe(Topic.KbChanged, ({ message }) => heard.push(message));

    await writeFile(join(dir, 'faq', 'worklist.md'), newPage);
    const message = await heard.next(() => true, 'KbChanged from A');
    expect(message.paths).toContain('faq/worklist.md');
    expect(JSON.stringify(message)).not.toContain('modality');

    await kbB.indexed.next((s) => s.documents === 2, "B's re-index");
    expect((await texts(kbB.kb, 'worklist refreshes'))[0]).toContain('90 seconds');
  });

  it('KbChanged names at most 50 paths and stays under the PostgreSQL NOTIFY limit', async () => {
    const hub = createMemoryBusHub();
    const kb = countingKb();
    const a = replica('A', hub.connect(), kb);
    cleanups.push(a.close);
    const heard = recorder<{ paths: string[]; bytes: number }>();
    a.bus.subscribe(Topic.KbChanged, ({ message }) =>
      heard.push({ paths: message.paths, bytes: Buffer.byteLength(JSON.stringify(message)) }),
    );
    const many = Array.from({ length: 80 }, (_, i) => `faq/page-${i}.md`);
    const long = Array.from({ length: 50 }, (_, i) => `${'deep/'.repeat(90)}page-${i}.md`);
    kb.filesChanged(many);
    kb.filesChanged(['x'.repeat(501), ...long]);
    await heard.next((m) => m.paths.length < 50, 'the second message');
    expect(heard.items[0]?.paths).toEqual(many.slice(0, 50));
    expect(heard.items[1]?.paths).toEqual(long.slice(0, heard.items[1]?.paths.length));
    expect(heard.items[1]?.bytes).toBeLessThan(7000);
  });

  it('remote requests that arrive during a re-index make one more re-index, not one each', async () => {
    const hub = createMemoryBusHub();
    let release: () => void = () => {};
    const kb = countingKb(new Promise<void>((resolve) => (release = resolve)));
    const b = replica('B', hub.connect(), kb);
    const a = replica('A', hub.connect(), countingKb());
    cleanups.push(a.close, b.close);
    const reindexes = recorder<number>();
    const roleChanges = recorder<string>();
    b.bus.subscribe(Topic.Reindex, () => reindexes.push(reindexes.items.length + 1));
    b.bus.subscribe(Topic.RoleGroupChanged, ({ message }) => roleChanges.push(message.subteamId));

    for (let i = 0; i < 4; i += 1) await a.fanOut.reindex();
    await reindexes.next((n) => n === 4, 'four Reindex messages at B');
    expect(kb.calls.items).toEqual([1]); // the first still runs
    release();
    await kb.calls.next((n) => n === 2, 'the one re-index after it');
    // One more message through the bus: had the loop more re-indexes queued, they would have started by now.
    await a.bus.publish(Topic.RoleGroupChanged, { subteamId: 'S0OTHER' });
    await roleChanges.next(() => true, 'a later message at B');
    expect(kb.calls.items).toEqual([1, 2]);
  });

  it('after a bus reconnect a replica re-indexes (messages may have been missed)', async () => {
    const wire = reconnectable(createMemoryBusHub().connect());
    const kb = countingKb();
    const b = replica('B', wire.backend, kb);
    cleanups.push(b.close);
    expect(kb.calls.items).toEqual([]);
    wire.reconnect();
    await kb.calls.next((n) => n === 1, 're-index after the reconnect');
    expect(b.logs().some((line) => String(line.msg).includes('bus reconnected'))).toBe(true);
  });
});

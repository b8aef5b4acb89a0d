import { afterEach, describe, expect, it } from 'vitest';
import { createInbox, type Inbox } from '../../src/cluster/inbox.js';
import { type InboxStore, inboxCases } from './inbox-backends.js';

const leaseMs = 30_000;

describe.each(inboxCases)('inbox on $name: takeOver, abandon, give-up', (inboxCase) => {
  let store: InboxStore;
  let givenUp: [string, number][];
  afterEach(() => store.close());

  async function replicas(count = 2, maxAttempts = 3): Promise<Inbox[]> {
    store = await inboxCase.open(count);
    givenUp = [];
    const onGiveUp = (key: string, attempts: number) => givenUp.push([key, attempts]);
    return store.backends.map((backend, i) =>
      createInbox(backend, { owner: `r${i}`, leaseMs, maxAttempts, now: store.now, onGiveUp }),
    );
  }

  it('takes over only after the lease expired, oldest first, at most `limit`, with the payload', async () => {
    const [a, b] = await replicas();
    for (const n of [3, 1, 2]) {
      await a!.admit(`k${n}`, { n });
      store.advance(1);
    }
    expect(await b!.takeOver(10)).toEqual([]);
    store.advance(leaseMs - 4); // k3's lease ends in 1 ms
    expect(await b!.takeOver(10)).toEqual([]);
    store.advance(1);
    expect(await b!.takeOver(10)).toEqual([{ key: 'k3', payload: { n: 3 }, attempts: 1 }]);
    expect(await store.row('k3')).toMatchObject({ owner: 'r1', state: 'pending', attempts: 1 });
    store.advance(2);
    expect(await b!.takeOver(1)).toEqual([{ key: 'k1', payload: { n: 1 }, attempts: 1 }]);
    expect((await a!.takeOver(10)).map((e) => e.key)).toEqual(['k2']);
    expect(await b!.takeOver(10)).toEqual([]);
  });

  it('gives each expired entry to only one of several replicas racing to take over', async () => {
    const [a, ...others] = await replicas(3);
    const keys = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    for (const key of keys) await a!.admit(key, key);
    store.advance(leaseMs);
    const taken = await Promise.all(Array.from({ length: 8 }, (_, i) => others[i % 2]!.takeOver(4)));
    const all = taken.flat().map((entry) => entry.key);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeLessThanOrEqual(keys.length);
    // Whatever a racer skipped is still there for the next sweep.
    const rest = (await a!.takeOver(keys.length)).map((entry) => entry.key);
    expect([...all, ...rest].sort()).toEqual(keys);
  });

  it('lets the new owner, not the old one, complete or heartbeat an entry taken over', async () => {
    const [a, b] = await replicas();
    await a!.admit('k', 1);
    store.advance(leaseMs);
    expect(await b!.takeOver(1)).toHaveLength(1);
    expect(await a!.heartbeat('k')).toBe(false);
    expect(await a!.complete('k')).toBe(false);
    expect(await store.row('k')).toMatchObject({ owner: 'r1', state: 'pending' });
    expect(await b!.complete('k')).toBe(true);
    expect(await store.row('k')).toMatchObject({ state: 'done', payload: null });
  });

  it('makes an abandoned entry takeable at once; a non-owner cannot abandon it', async () => {
    const [a, b] = await replicas();
    await a!.admit('k', { q: 1 });
    await b!.abandon('k');
    expect(await b!.takeOver(1)).toEqual([]);
    await a!.abandon('k');
    expect(await b!.takeOver(1)).toEqual([{ key: 'k', payload: { q: 1 }, attempts: 1 }]);
  });

  it('counts takeovers and gives up after maxAttempts: payload dropped, reported, never returned', async () => {
    const [a, b] = await replicas(2, 2);
    await a!.admit('k', { q: 1 });
    store.advance(1);
    await a!.admit('fresh', 2);
    store.advance(leaseMs);
    expect((await b!.takeOver(1)).map((e) => [e.key, e.attempts])).toEqual([['k', 1]]);
    store.advance(leaseMs);
    expect((await a!.takeOver(5)).map((e) => [e.key, e.attempts])).toEqual([
      ['k', 2],
      ['fresh', 1],
    ]);
    expect(givenUp).toEqual([]);
    store.advance(leaseMs);
    expect((await b!.takeOver(5)).map((e) => [e.key, e.attempts])).toEqual([['fresh', 2]]);
    expect(givenUp).toEqual([['k', 2]]);
    expect(await store.row('k')).toMatchObject({ state: 'done', payload: null, attempts: 2 });
    expect(await b!.admit('k', 1)).toBe('duplicate');
    expect(await a!.complete('k')).toBe(false);
  });
});

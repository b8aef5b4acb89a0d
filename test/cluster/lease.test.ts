import { afterEach, describe, expect, it } from 'vitest';
import { createLeaderLease, type LeaderLease } from '../../src/cluster/lease.js';
import { backendCases, type SharedStore } from './claims-backends.js';

const ttlMs = 600;

describe.each(backendCases)('leader lease on $name', (backendCase) => {
  let store: SharedStore;
  afterEach(() => store.close());

  /** One lease per replica (its own connection), all for the same name unless told otherwise. */
  async function replicas(count: number): Promise<LeaderLease[]> {
    store = await backendCase.open(count);
    return store.backends.map((backend, i) => lease(backend, `replica-${i}`));
  }
  function lease(backend: SharedStore['backends'][number], holderId: string, name = 'reminders', ttl = ttlMs) {
    return createLeaderLease(backend, { name, ttlMs: ttl, holderId, now: store.now });
  }

  it('has one leader among competing replicas, whose repeated acquire keeps its token', async () => {
    const leases = await replicas(3);
    const attempts = await Promise.all(
      leases.flatMap((l, replica) => [1, 2, 3].map(async () => ({ replica, won: await l.tryAcquire() }))),
    );
    const winners = attempts.filter(({ won }) => won !== undefined);
    expect(new Set(winners.map(({ replica }) => replica)).size).toBe(1);
    expect(new Set(winners.map(({ won }) => won?.token)).size).toBe(1);
  });

  it('passes to another replica within one TTL when the leader stops renewing, with a higher token', async () => {
    const [a, b] = await replicas(2);
    const first = await a!.tryAcquire();
    const acquiredAt = Date.now();
    expect(first).toBeDefined();
    expect(await b!.tryAcquire()).toBeUndefined();
    // The leader dies: it renews no more.
    let second: { token: number } | undefined;
    await store.afterTtl(ttlMs, async () => {
      second = await b!.tryAcquire();
      expect(second).toBeDefined();
    });
    expect(Date.now() - acquiredAt).toBeLessThan(ttlMs + 400);
    expect(second!.token).toBeGreaterThan(first!.token);
    expect(await a!.renew(first!.token)).toBe(false);
    expect(await a!.tryAcquire()).toBeUndefined();
    expect(await b!.renew(second!.token)).toBe(true);
  });

  it('is free at once after release, and the next leader’s token is higher still', async () => {
    const [a, b] = await replicas(2);
    const first = await a!.tryAcquire();
    await b!.release(first!.token); // not b's lease: nothing happens
    expect(await b!.tryAcquire()).toBeUndefined();
    await a!.release(first!.token);
    const second = await b!.tryAcquire();
    expect(second!.token).toBeGreaterThan(first!.token);
    await b!.release(second!.token);
    const third = await a!.tryAcquire();
    expect(third!.token).toBeGreaterThan(second!.token);
    expect(await a!.renew(first!.token)).toBe(false);
  });

  it('cannot be renewed once it has lapsed, even if no one took it', async () => {
    const [a, b] = await replicas(2);
    const sentinel = [lease(store.backends[0]!, 's1', 'sentinel'), lease(store.backends[1]!, 's2', 'sentinel')];
    const held = await a!.tryAcquire();
    expect(await sentinel[0]!.tryAcquire()).toBeDefined();
    await store.afterTtl(ttlMs, async () => expect(await sentinel[1]!.tryAcquire()).toBeDefined());
    expect(await a!.renew(held!.token)).toBe(false);
    expect((await b!.tryAcquire())!.token).toBeGreaterThan(held!.token);
  });

  it('stays with a leader that renews, past the TTL of its acquire', async () => {
    const [a, b] = await replicas(2);
    // Two holders of a sentinel lease with half the TTL measure the time that passes (the clock, or Redis's TTL).
    const sentinel = [
      lease(store.backends[0]!, 's1', 'sentinel', ttlMs / 2),
      lease(store.backends[1]!, 's2', 'sentinel', ttlMs / 2),
    ];
    const held = await a!.tryAcquire();
    expect(await sentinel[0]!.tryAcquire()).toBeDefined();
    await store.afterTtl(ttlMs / 2, async () => expect(await sentinel[1]!.tryAcquire()).toBeDefined());
    expect(await a!.renew(held!.token)).toBe(true);
    await store.afterTtl(ttlMs / 2, async () => expect(await sentinel[0]!.tryAcquire()).toBeDefined());
    expect(await b!.tryAcquire()).toBeUndefined();
    expect(await a!.renew(held!.token)).toBe(true);
  });
});

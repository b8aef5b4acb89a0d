import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLeaderLease, type LeaderLease } from '../../src/cluster/lease.js';
import { runAsLeader } from '../../src/cluster/run-as-leader.js';
import type { BackgroundTask } from '../../src/compose/background.js';
import { waitUntil } from '../helpers/wait-until.js';
import { backendCases, type SharedStore } from './claims-backends.js';

const ttlMs = 600;
const renewEveryMs = 25;

/** Which replicas run the work now, and the most that ever ran it at once. */
function workLog() {
  const running = new Set<string>();
  let most = 0;
  return {
    running,
    most: () => most,
    work: (id: string) => ({
      start() {
        running.add(id);
        most = Math.max(most, running.size);
      },
      stop() {
        running.delete(id);
      },
    }),
  };
}

describe.each(backendCases)('runAsLeader on $name', (backendCase) => {
  let store: SharedStore;
  const tasks: BackgroundTask[] = [];
  afterEach(async () => {
    for (const task of tasks.splice(0)) await task.stop();
    await store.close();
  });

  it('runs the work on one replica at a time, and on the other once the leader dies', async () => {
    store = await backendCase.open(2);
    const log = workLog();
    const replicas = store.backends.map((backend, i) => {
      const id = `r${i}`;
      const lease = createLeaderLease(backend, { name: 'monitor', ttlMs, holderId: id, now: store.now });
      // A killed process neither renews nor releases: stop() below stops renewing, and release is dropped.
      const replica = { id, attempts: 0, dead: false };
      const killable: LeaderLease = {
        tryAcquire: () => {
          replica.attempts++;
          return lease.tryAcquire();
        },
        renew: (token) => lease.renew(token),
        release: async (token) => (replica.dead ? undefined : lease.release(token)),
      };
      const task = runAsLeader(killable, log.work(id), { renewEveryMs, name: 'monitor' });
      tasks.push(task);
      return Object.assign(replica, { task });
    });
    for (const { task } of replicas) task.start();

    const leaderId = await waitUntil(() => {
      expect(log.running.size).toBe(1);
      return [...log.running][0];
    });
    const leader = replicas.find((r) => r.id === leaderId)!;
    const follower = replicas.find((r) => r.id !== leaderId)!;
    const triedBefore = follower.attempts;
    await waitUntil(() => expect(follower.attempts).toBeGreaterThan(triedBefore + 2));
    expect([...log.running]).toEqual([leader.id]);

    leader.dead = true;
    await leader.task.stop();
    expect(log.running.size).toBe(0);
    await store.afterTtl(ttlMs, () => waitUntil(() => expect([...log.running]).toEqual([follower.id])));
    expect(log.most()).toBe(1);
  });
});

/** A lease whose answers the test sets; it records every call. */
function scriptedLease() {
  const state = { free: true, keep: true, failure: undefined as Error | undefined, tokens: 0, calls: [] as string[] };
  const lease: LeaderLease = {
    async tryAcquire() {
      state.calls.push('acquire');
      return state.free ? { token: ++state.tokens } : undefined;
    },
    async renew(token) {
      state.calls.push(`renew ${token}`);
      if (state.failure) throw state.failure;
      return state.keep;
    },
    async release(token) {
      state.calls.push(`release ${token}`);
    },
  };
  return { state, lease };
}

describe('runAsLeader', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops the work when a renewal fails and starts it again once it wins the lease back', async () => {
    vi.useFakeTimers();
    const { state, lease } = scriptedLease();
    const log = workLog();
    const task = runAsLeader(lease, log.work('r'), { renewEveryMs: 100 });
    task.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(log.running.has('r')).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    state.keep = false;
    state.free = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(log.running.has('r')).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(log.running.has('r')).toBe(false);
    state.free = true;
    await vi.advanceTimersByTimeAsync(100);
    expect(log.running.has('r')).toBe(true);
    expect(state.calls).toEqual(['acquire', 'renew 1', 'renew 1', 'acquire', 'acquire']);
    await task.stop();
  });

  it('stops the work when the store is unreachable, and reports why', async () => {
    vi.useFakeTimers();
    const { state, lease } = scriptedLease();
    const log = workLog();
    const errors: unknown[] = [];
    const task = runAsLeader(lease, log.work('r'), { renewEveryMs: 100, onError: (e) => errors.push(e) });
    task.start();
    await vi.advanceTimersByTimeAsync(0);
    state.failure = new Error('ECONNREFUSED');
    await vi.advanceTimersByTimeAsync(100);
    expect(log.running.size).toBe(0);
    expect(errors).toEqual([state.failure]);
    await task.stop();
  });

  it('on stop, stops the work, releases the lease and leaves no timer', async () => {
    vi.useFakeTimers();
    const { state, lease } = scriptedLease();
    const log = workLog();
    const task = runAsLeader(lease, log.work('r'), { renewEveryMs: 100, name: 'reminders' });
    expect(task.name).toBe('reminders');
    task.start();
    await vi.advanceTimersByTimeAsync(0);
    await task.stop();
    expect(log.running.size).toBe(0);
    expect(state.calls).toEqual(['acquire', 'release 1']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive: its timer is unref’d', async () => {
    const { lease } = scriptedLease();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const task = runAsLeader(lease, workLog().work('r'), { renewEveryMs: 100 });
    task.start();
    expect(timers()).toBe(before);
    await task.stop();
  });
});

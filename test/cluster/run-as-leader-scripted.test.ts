import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeaderLease } from '../../src/cluster/lease.js';
import { runAsLeader } from '../../src/cluster/run-as-leader.js';
import { workLog } from './run-as-leader-work-log.js';

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

describe('runAsLeader, when the work cannot start', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports why and releases the lease for another replica', async () => {
    vi.useFakeTimers();
    const { state, lease } = scriptedLease();
    const errors: unknown[] = [];
    const failure = new Error('no PACS configured');
    const work = {
      start() {
        throw failure;
      },
      stop() {},
    };
    const task = runAsLeader(lease, work, { renewEveryMs: 100, onError: (e) => errors.push(e) });
    task.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toEqual([failure, failure]);
    expect(state.calls).toEqual(['acquire', 'release 1', 'acquire', 'release 2']);
    await task.stop();
  });
});

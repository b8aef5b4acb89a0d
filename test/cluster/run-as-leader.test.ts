import { afterEach, describe, expect, it } from 'vitest';
import { createLeaderLease, type LeaderLease } from '../../src/cluster/lease.js';
import { runAsLeader } from '../../src/cluster/run-as-leader.js';
import type { BackgroundTask } from '../../src/compose/background.js';
import { waitUntil } from '../helpers/wait-until.js';
import { backendCases, type SharedStore } from './claims-backends.js';
import { workLog } from './run-as-leader-work-log.js';

const ttlMs = 600;
const renewEveryMs = 25;

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

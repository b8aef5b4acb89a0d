import { afterAll, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { ageTicket, createTicket, remindedBy, remindersAbout } from './tickets.js';
import { pollUntil } from './workspace-api.js';

let cluster: Cluster | undefined;
afterAll(async () => {
  await cluster?.stop();
});

/** Ages the ticket, then waits for reminder number `round`, having checked that the last round posted once. */
async function reminderRound(c: Cluster, key: string, round: number): Promise<void> {
  expect(await remindersAbout(c, key)).toBe(round - 1);
  await ageTicket(c, key);
  await pollUntil(async () => ((await remindersAbout(c, key)) >= round ? true : undefined), {
    timeoutMs: 30_000,
    describe: async () => `${await remindersAbout(c, key)} reminder(s) about ${key}, waiting for ${round}`,
  });
}

/**
 * Issue 11: ticket reminders run on one replica (the leader) at a time. Every untouched-ticket reminder comes from
 * the same replica; after that replica is SIGKILLed another takes over (within the lease and one interval) and
 * each due reminder is still posted exactly once. Without a leader, whichever replica's timer fires first posts,
 * so the rounds spread over the replicas.
 */
it('the leader SIGKILLed: reminders continue on another replica, none posted twice', async () => {
  const c = await startCluster({ replicas: 3 });
  cluster = c;
  const key = await createTicket(c, 'Replicas test: outside CT not visible');
  for (const round of [1, 2, 3]) await reminderRound(c, key, round);
  // A pass logs after it has posted: wait for the line of the last round.
  await pollUntil(async () => (remindedBy(c, key).length > 0 ? true : undefined), { timeoutMs: 10_000 });
  const leaders = remindedBy(c, key);
  expect(leaders).toHaveLength(1);
  const leader = c.replicas.find((r) => r.id === leaders[0]);
  if (!leader) throw new Error('no leader');
  await leader.kill('SIGKILL');

  for (const round of [4, 5]) await reminderRound(c, key, round);
  const successors = remindedBy(c, key).filter((id) => id !== leader.id);
  expect(successors).toHaveLength(1);
  await reminderRound(c, key, 6);
  expect(remindedBy(c, key).filter((id) => id !== leader.id)).toEqual(successors);
}, 240_000);

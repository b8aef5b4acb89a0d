import { afterEach, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { type Asked, answeredBy, answerIdOf, ask, replayedKeys, waitForAnswers } from './questions.js';

const BURST = 30;

/**
 * Issue 11: real bot processes in Socket Mode against `pacs-desk workspace --no-bot`, sharing PostgreSQL and
 * Redis. A burst of questions, each in its own thread, is answered exactly once, also when one replica is
 * SIGKILLed mid-burst (a duplicate only where the lead logged that it replayed a dead replica's work).
 */
describe('a burst of questions over several replicas', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  async function burst(c: Cluster, onSent?: (n: number) => Promise<void>): Promise<Asked[]> {
    const bot = (await c.harness.api.state()).bot.user_id;
    const asked: Asked[] = [];
    for (let n = 0; n < BURST; n++) {
      asked.push(await ask(c.harness.api, bot, n));
      await onSent?.(n);
    }
    return asked;
  }

  it.each([1, 3])(
    '%i replica(s): every question gets exactly one answer',
    async (replicas) => {
      cluster = await startCluster({ replicas });
      expect((await cluster.harness.api.state()).socketConnections).toBe(replicas);
      const asked = await burst(cluster);
      const replies = await waitForAnswers(cluster.harness.api, asked, 60_000);
      expect(asked.filter((q) => replies.get(q.n)?.length !== 1).map((q) => q.n)).toEqual([]);
      // Each answer was logged by a replica; with three, the work was spread (Socket Mode's least-loaded spread).
      const by = asked.map((q) =>
        answeredBy(cluster?.replicas ?? [], answerIdOf(replies.get(q.n)?.[0] ?? never()) ?? ''),
      );
      expect(by.filter((id) => !id)).toEqual([]);
      expect(new Set(by).size).toBe(replicas);
    },
    120_000,
  );

  it('3 replicas, one SIGKILLed after 10 questions: none lost, duplicates only where a replay was logged', async () => {
    const c = await startCluster({ replicas: 3 });
    cluster = c;
    const victim = c.replicas[1] ?? never();
    const asked = await burst(c, async (n) => {
      if (n === 9) await victim.kill('SIGKILL');
    });
    const replies = await waitForAnswers(c.harness.api, asked, 45_000);
    const counts = asked.map((q) => replies.get(q.n)?.length ?? 0);
    expect(counts.filter((k) => k === 0)).toEqual([]);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    const doubled = counts.filter((k) => k === 2).length;
    expect(doubled).toBeLessThanOrEqual(replayedKeys(c.replicas).length);
    // The survivors answered everything asked after the kill.
    const survivors = c.replicas.filter((r) => r !== victim);
    for (const q of asked.slice(10))
      expect(answeredBy(survivors, answerIdOf(replies.get(q.n)?.[0] ?? never()) ?? '')).toBeDefined();
  }, 180_000);
});

function never(): never {
  throw new Error('missing');
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { inboxRow } from './in-flight.js';
import { type Asked, ask, waitForAnswers } from './questions.js';
import { pollUntil } from './workspace-api.js';

let c: Cluster;
beforeAll(async () => {
  c = await startCluster({ replicas: 3 });
}, 120_000);
afterAll(async () => {
  await c?.stop();
});

/**
 * Every replica has handled an envelope sent after this point: each answers one of three more questions (the
 * Socket Mode spread hands them out least-loaded first), so earlier work on every replica has been picked up.
 */
async function barrier(first: number): Promise<void> {
  const bot = (await c.harness.api.state()).bot.user_id;
  const asked: Asked[] = [];
  for (let n = first; n < first + 3; n++) asked.push(await ask(c.harness.api, bot, n));
  await waitForAnswers(c.harness.api, asked, 30_000);
}

describe('work acts once across three replicas', () => {
  it('an event Slack retries twice (Socket Mode redeliveries to any replica) is answered once', async () => {
    const api = c.harness.api;
    const bot = (await api.state()).bot.user_id;
    // A DM question: one event, so its id is the only work key it causes.
    const q = await ask(api, bot, 93);
    expect(q.eventIds).toHaveLength(1);
    const eventId = q.eventIds[0] ?? '';
    // Both retries at once, while the first copy may still be in work: the spread hands them to other replicas.
    const retries = await Promise.all([api.redeliver(eventId, 1), api.redeliver(eventId, 2)]);
    expect(retries.map((r) => [r.outcome, r.via])).toEqual([
      ['acked', 'socket'],
      ['acked', 'socket'],
    ]);
    const mine = (await api.deliveries()).filter((d) => d.event_id === eventId);
    expect(mine.map((d) => d.retry_num).sort()).toEqual([0, 1, 2]);
    await waitForAnswers(api, [q], 30_000);
    await barrier(95);
    expect((await waitForAnswers(api, [q], 5_000)).get(q.n)).toHaveLength(1);
    // One unit of work in the shared inbox, done (the retries were dropped as duplicates on admission).
    expect(await inboxRow(c, `event:${eventId}`)).toMatchObject({ state: 'done' });
  }, 120_000);

  it('an event redelivered after a replica stalled past the ack window is answered once', async () => {
    const stalled = c.replicas[0];
    if (!stalled) throw new Error('no replica');
    const bot = (await c.harness.api.state()).bot.user_id;
    const before = (await c.harness.api.deliveries()).length;
    // SIGSTOP: the connection stays open but nothing is acked; the harness redelivers on another connection
    // after 3 s (as Slack does), and the stalled replica still gets the first copy when it resumes.
    stalled.child.kill('SIGSTOP');
    const asked: Asked[] = [];
    try {
      for (let n = 100; n < 104; n++) asked.push(await ask(c.harness.api, bot, n));
    } finally {
      stalled.child.kill('SIGCONT');
    }
    const all = await c.harness.api.deliveries();
    // Newest first: the ones since `before` are at the front.
    const ours = all.slice(0, all.length - before);
    // At least one envelope went to the stalled replica and was acked only after the redelivery.
    expect(ours.some((d) => d.duration_ms >= 3000)).toBe(true);
    const replies = await waitForAnswers(c.harness.api, asked, 30_000);
    await barrier(110);
    for (const q of asked) replies.set(q.n, (await waitForAnswers(c.harness.api, [q], 5_000)).get(q.n) ?? []);
    expect(asked.map((q) => replies.get(q.n)?.length)).toEqual(asked.map(() => 1));
  }, 120_000);

  it('a double-clicked "Next step" of a guided answer posts the step once', async () => {
    const bot = (await c.harness.api.state()).bot.user_id;
    // A troubleshooting page: the answer offers its next action section behind a button.
    const q = await ask(c.harness.api, bot, 6, 'images are not displaying in the viewer');
    const answer = (await waitForAnswers(c.harness.api, [q], 30_000)).get(q.n)?.[0];
    const value = answer && buttonValue(answer.blocks, 'guide_next_step');
    if (!answer || !value) throw new Error(`no "Next step" button on the answer: ${JSON.stringify(answer?.blocks)}`);
    const click = () =>
      c.harness.api.click({
        user: q.user,
        channel: q.channel,
        ts: answer.ts,
        action_id: 'guide_next_step',
        value,
      });
    // Two clicks in flight at once: the spread hands them to two different replicas.
    const outcomes = await Promise.all([click(), click()]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['acked', 'acked']);
    const steps = async () =>
      (await c.harness.api.messages(q.channel, q.ts)).filter((m) => m.bot_id && m.ts !== answer.ts && !m.ephemeral_for)
        .length;
    await pollUntil(async () => ((await steps()) > 0 ? true : undefined), { timeoutMs: 15_000 });
    await barrier(120);
    expect(await steps()).toBe(1);
    expect(c.replicas.flatMap((r) => r.logged('guide step posted'))).toHaveLength(1);
  }, 120_000);
});

function buttonValue(blocks: unknown, actionId: string): string | undefined {
  let found: string | undefined;
  JSON.stringify(blocks, (_key, v: unknown) => {
    const b = v as { action_id?: unknown; value?: unknown } | null;
    if (!found && b && typeof b === 'object' && b.action_id === actionId && typeof b.value === 'string')
      found = b.value;
    return v;
  });
  return found;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { type FakeLlm, startFakeLlm } from './fake-llm.js';
import { askUntilInFlight, inboxRow, requestOf } from './in-flight.js';
import { answeredBy, answerIdOf, waitForAnswers } from './questions.js';
import { pollUntil } from './workspace-api.js';

let llm: FakeLlm;
let c: Cluster;
beforeAll(async () => {
  llm = await startFakeLlm();
  // r2's model never answers: whatever question it takes stays in flight there until it dies.
  llm.hold('r2');
  c = await startCluster({ replicas: 3, envFor: (i) => llm.env(`r${i}`) });
}, 120_000);
afterAll(async () => {
  await c?.stop();
  await llm?.close();
});

/**
 * Issue 11's hardest case made deterministic: the fake LLM holds every request of r2, so the first question the
 * Socket Mode spread hands to r2 is provably in flight there (admitted to the inbox, acked, waiting for the model)
 * when r2 is SIGKILLed. What the thread shows meanwhile (observed): r2 set the assistant status "is searching the
 * knowledge base…" (a status, not a message) before asking the model, and posted nothing: a streamed answer opens
 * its message (chat.startStream) only with its first words, and r2's model never sent any. So the replay is the
 * only answer; it sets the status again and streams into one new message. (Had r2 died mid-stream, its half
 * message would stay beside the replayed answer: the duplicate window the README documents.)
 */
describe('a question in flight on a replica that is SIGKILLed', () => {
  it('is answered once, by another replica that replayed it from the inbox; r2 posted nothing', async () => {
    const api = c.harness.api;
    const victim = c.replicas[1];
    if (!victim) throw new Error('no r2');
    const { asked, request } = await askUntilInFlight(c, llm, 'r2', 300);
    expect(request).toMatchObject({ replica: 'r2', held: true, stream: true });
    await victim.kill('SIGKILL');

    // After the lease, a survivor's sweeper takes the unit over and replays it: the model is asked again there.
    const again = await pollUntil(async () => llm.requests.find((r) => requestOf(asked.n)(r) && r.replica !== 'r2'), {
      timeoutMs: 30_000,
      describe: () => 'no survivor asked the model for the question (no replay)',
    });
    // The streamed answer's message exists before its last words, feedback buttons and the replica's "answered" log
    // line; attribute it once all three are there.
    const { answer, by } = await pollUntil(
      async () => {
        const found = (await waitForAnswers(api, [asked], 30_000)).get(asked.n)?.[0];
        const id = found ? answerIdOf(found) : undefined;
        const who = id ? answeredBy(c.replicas, id) : undefined;
        return found && who ? { answer: found, by: who } : undefined;
      },
      { timeoutMs: 30_000, describe: () => 'the answer was never attributed to a replica' },
    );
    expect(by).toBe(again.replica);
    expect(answer.text).toContain('step by step [1]');

    // The unit is done under the replayer: nothing can take it over again, so the counts below are final. A channel
    // mention is two events (`message`, then `app_mention`); the other one may be done under the same replica as a
    // first delivery, so the replayed unit is the one taken over (attempts ≥ 1).
    const key = await pollUntil(
      async () => {
        for (const id of asked.eventIds) {
          const row = await inboxRow(c, `event:${id}`);
          if (row && row.owner === by && row.state === 'done' && row.attempts >= 1) return `event:${id}`;
        }
        return undefined;
      },
      { timeoutMs: 15_000, describe: () => `no done inbox row owned by ${by} for ${asked.eventIds.join(', ')}` },
    );
    const replayer = c.replicas.find((r) => r.id === by);
    expect(replayer?.logs().filter((l) => l.code === 'inbox_replay' && l.key === key)).toHaveLength(1);
    expect((await waitForAnswers(api, [asked], 5_000)).get(asked.n)).toHaveLength(1);

    // r2 answered nothing (its model never replied) and opened no message: one stream in the thread, the replay's.
    expect(victim.logged('answered')).toEqual([]);
    const inThread = async (method: string) =>
      (await api.calls(method)).filter((x) => x.args.thread_ts === asked.ts).length;
    expect(await inThread('chat.startStream')).toBe(1);
    expect(await inThread('chat.postMessage')).toBe(0);
    // The status was set twice: by r2 before it asked the model, and by the replay.
    expect(await inThread('assistant.threads.setStatus')).toBe(2);
  }, 120_000);
});

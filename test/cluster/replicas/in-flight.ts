import pg from 'pg';
import type { Cluster } from './cluster.js';
import type { FakeLlm, LlmRequest } from './fake-llm.js';
import { type Asked, answeredBy, answerIdOf, ask, waitForAnswers } from './questions.js';
import { botReplies, pollUntil } from './workspace-api.js';

export interface InFlight {
  asked: Asked;
  /** The victim's held LLM request for it: the replica is inside the answer, nothing posted yet. */
  request: LlmRequest;
  /** Questions asked until one landed on the victim (the others were answered by other replicas first). */
  tries: number;
}

/** The fake LLM's request for question `n` (its text carries the `(#n)` tag `ask` adds). */
export const requestOf = (n: number) => (r: LlmRequest) => r.text.includes(`(#${n})`);

/**
 * Asks questions one at a time, from `first` on, until one's LLM request comes from `victimId`, whose requests
 * the fake LLM holds: that question is in flight there (admitted to the inbox and acked, its answer waiting for
 * the model) until the replica dies. A question on another replica is waited for until answered, so at most one
 * question is open at a time. Gives up after `max` questions (the spread never chose the victim).
 */
export async function askUntilInFlight(
  c: Cluster,
  llm: FakeLlm,
  victimId: string,
  first: number,
  max = 24,
): Promise<InFlight> {
  const api = c.harness.api;
  const bot = (await api.state()).bot.user_id;
  for (let n = first; n < first + max; n++) {
    const asked = await ask(api, bot, n);
    // Either the model was asked (by some replica) or an answer came without it (e.g. an abstention).
    const request = await pollUntil(
      async () => {
        const found = llm.requests.find(requestOf(n));
        if (found) return found;
        return (await botReplies(api, asked.channel, asked.ts)).length > 0 ? null : undefined;
      },
      { timeoutMs: 30_000, describe: () => `question #${n}: no LLM request and no answer` },
    );
    if (request?.replica === victimId) return { asked, request, tries: n - first + 1 };
    await waitForAnswers(api, [asked], 30_000);
  }
  throw new Error(`none of ${max} questions landed on ${victimId}`);
}

/**
 * One recovery sample (the bench): a question held in flight on `r<i>`, `r<i>` SIGKILLed, then the time from the
 * kill to the answer another replica posts (Slack's `ts` of the answer, stamped by the workspace on this
 * machine's clock); `r<i>` is started again (answered normally) and the cluster is whole again on return.
 */
export async function inFlightRecovery(
  c: Cluster,
  llm: FakeLlm,
  i: number,
  first: number,
): Promise<{ ms: number; by?: string; tries: number }> {
  const id = `r${i}`;
  const victim = c.replicas[i - 1];
  if (!victim) throw new Error(`no replica ${id}`);
  llm.hold(id);
  const { asked, tries } = await askUntilInFlight(c, llm, id, first);
  const killedAt = Date.now();
  await victim.kill('SIGKILL');
  llm.release(id);
  const answer = (await waitForAnswers(c.harness.api, [asked], 30_000)).get(asked.n)?.[0];
  if (!answer) throw new Error(`question #${asked.n} was not answered`);
  const by = answeredBy(c.replicas, answerIdOf(answer) ?? '');
  await c.start(i);
  await c.connected(c.replicas.length);
  return { ms: Number.parseFloat(answer.ts) * 1000 - killedAt, by, tries };
}

/** The inbox row of a unit of work, read from the cluster's PostgreSQL (`cluster_inbox`, migration 006). */
export async function inboxRow(
  c: Cluster,
  key: string,
): Promise<{ owner: string; state: string; attempts: number } | undefined> {
  const client = new pg.Client({ connectionString: c.stores.databaseUrl });
  await client.connect();
  try {
    const r = await client.query('SELECT owner, state, attempts FROM cluster_inbox WHERE key = $1', [key]);
    return r.rows[0] as { owner: string; state: string; attempts: number } | undefined;
  } finally {
    await client.end();
  }
}

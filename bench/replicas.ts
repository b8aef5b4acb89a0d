import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Cluster, startCluster } from '../test/cluster/replicas/cluster.js';
import { startFakeLlm } from '../test/cluster/replicas/fake-llm.js';
import { inFlightRecovery } from '../test/cluster/replicas/in-flight.js';
import { type Asked, ask, waitForAnswers } from '../test/cluster/replicas/questions.js';
import { ageTicket, createTicket, remindedBy, reminderMessages } from '../test/cluster/replicas/tickets.js';
import { pollUntil } from '../test/cluster/replicas/workspace-api.js';
import { ms, percentile, printTable } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BURST = 90;

const tsMs = (ts: string) => Number.parseFloat(ts) * 1000; // Slack's ts, stamped by the in-process workspace

/** A burst of questions, each in its own thread, posted as fast as the workspace takes them. */
async function burst(c: Cluster, first: number) {
  const api = c.harness.api;
  const bot = (await api.state()).bot.user_id;
  const warm: Asked[] = [];
  for (let n = 0; n < 8; n++) warm.push(await ask(api, bot, first + n));
  await waitForAnswers(api, warm, 30_000);
  // Ten posts at a time: one poster waiting for each ack would measure the poster, not the replicas.
  const asked: Asked[] = [];
  for (let n = 100; n < 100 + BURST; n += 10)
    asked.push(...(await Promise.all(Array.from({ length: 10 }, (_, k) => ask(api, bot, first + n + k)))));
  const replies = await waitForAnswers(api, asked, 60_000);
  const answered = asked.map((q) => ({ q, a: replies.get(q.n)?.[0] }));
  const latencies = answered.flatMap(({ q, a }) => (a ? [tsMs(a.ts) - tsMs(q.ts)] : []));
  const start = Math.min(...asked.map((q) => tsMs(q.ts)));
  const end = Math.max(...answered.flatMap(({ a }) => (a ? [tsMs(a.ts)] : [])));
  return {
    qps: (latencies.length / (end - start)) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    unanswered: asked.length - latencies.length,
    doubled: asked.filter((q) => (replies.get(q.n)?.length ?? 0) > 1).length,
  };
}

/**
 * An in-flight question, really in flight: a fake LLM (its own 3-replica cluster) holds the victim's requests, so
 * the question waits inside that replica when it is SIGKILLed; recovery is kill → answer posted by another one
 * (the inbox lease, then the sweeper's replay). One sample per replica (r1, r2, r3), each restarted after.
 */
async function recovery(): Promise<{ samples: number[]; elsewhere: boolean }> {
  const llm = await startFakeLlm();
  const c = await startCluster({ dist: true, inProcessHarness: true, replicas: 3, envFor: (i) => llm.env(`r${i}`) });
  try {
    const runs = [];
    for (const i of [1, 2, 3]) runs.push(await inFlightRecovery(c, llm, i, 7000 + i * 100));
    return { samples: runs.map((r) => r.ms), elsewhere: runs.every((r, k) => r.by && r.by !== `r${k + 1}`) };
  } finally {
    await c.stop();
    await llm.close();
  }
}

/** Age a ticket → its next reminder: once with the leader running (baseline), once with it SIGKILLed then. */
async function failover(c: Cluster): Promise<{ normal: number; failover: number; moved: boolean }> {
  const key = await createTicket(c, 'Bench: failover of the reminder leader');
  const nextReminder = async (count: number, since: number) => {
    const found = await pollUntil(
      async () => {
        const all = await reminderMessages(c, key);
        return all.length >= count ? all : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 20 },
    );
    return Math.max(...found.map((m) => tsMs(m.ts))) - since;
  };
  await ageTicket(c, key);
  const normal = await nextReminder(1, Date.now());
  // The pass logs after it has posted: wait for the line.
  const leaderId = await pollUntil(async () => remindedBy(c, key)[0], { timeoutMs: 10_000 });
  const leader = c.replicas.find((r) => r.id === leaderId);
  if (!leader) throw new Error(`no replica ${leaderId}`);
  await ageTicket(c, key);
  const killedAt = Date.now();
  leader.child.kill('SIGKILL');
  const took = await nextReminder(2, killedAt);
  const moved = await pollUntil(async () => (remindedBy(c, key).some((id) => id !== leaderId) ? true : undefined), {
    timeoutMs: 10_000,
  }).catch(() => false);
  return { normal, failover: took, moved };
}

export async function run(): Promise<void> {
  if (!existsSync(`${root}/dist/main.js`)) {
    console.log('\nReplicas: dist/main.js missing; run `npm run build` first (npm run bench does).');
    return;
  }
  const options = { dist: true, inProcessHarness: true } as const;
  const one = await startCluster({ ...options, replicas: 1 });
  const single = await burst(one, 0).finally(() => one.stop());
  const three = await startCluster({ ...options, replicas: 3 });
  const [spread, leader] = await (async () => [await burst(three, 0), await failover(three)] as const)().finally(() =>
    three.stop(),
  );
  const recovered = await recovery();
  const fmtLoss = (t: typeof spread) => `${t.unanswered} / ${t.doubled}`;
  printTable(
    `Replicas — ${BURST} questions in a burst through the local workspace (Socket Mode), PostgreSQL + Redis`,
    ['3 replicas', '1 replica (baseline)'],
    [
      ['questions answered per s', spread.qps.toFixed(1), single.qps.toFixed(1)],
      ['question → answer p50', ms(spread.p50), ms(single.p50)],
      ['question → answer p99', ms(spread.p99), ms(single.p99)],
      ['unanswered / answered twice', fmtLoss(spread), fmtLoss(single)],
    ],
  );
  const samples = recovered.samples.map((x) => (x / 1000).toFixed(1)).join(', ');
  printTable(
    'Replicas — failures (3 replicas)',
    ['after a SIGKILL', 'baseline'],
    [
      [
        'age a ticket → next reminder (leader SIGKILLed at that moment / leader alive)',
        `${ms(leader.failover)}${leader.moved ? '' : ' (same replica?)'}`,
        ms(leader.normal),
      ],
      [
        `in-flight question (its LLM call held): kill → answer elsewhere, median of ${recovered.samples.length} (${samples} s) / normal answer p50`,
        `${ms(percentile(recovered.samples, 50))}${recovered.elsewhere ? '' : ' (answered by the victim?)'}`,
        ms(spread.p50),
      ],
    ],
  );
  console.log(
    'Failover is bounded by LEADER_LEASE_SECONDS (3) + REMINDER_INTERVAL_SECONDS (5); recovery by INBOX_LEASE_SECONDS (5) + INBOX_SWEEP_SECONDS (1).',
  );
}

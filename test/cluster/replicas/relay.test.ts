import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { type FakeServiceNow, startFakeServiceNow } from './fake-helpdesk.js';
import type { Replica } from './replica-process.js';
import { createTicket } from './tickets.js';
import { pollUntil } from './workspace-api.js';

let fake: FakeServiceNow;
let c: Cluster;
beforeAll(async () => {
  fake = await startFakeServiceNow();
  c = await startCluster({
    replicas: 3,
    env: {
      HELPDESK: 'servicenow',
      HELPDESK_SYNC_SECONDS: '1',
      SERVICENOW_URL: fake.url,
      SERVICENOW_USER: 'pacs-desk-test',
      SERVICENOW_PASSWORD: 'not-a-real-password',
    },
  });
}, 120_000);
afterAll(async () => {
  await c?.stop();
  await fake?.close();
});

const alive = (r: Replica) => r.child.exitCode === null && r.child.signalCode === null;

/** The one live replica that became leader and has not lost it since (leader-tasks.ts logs both). */
async function leader(): Promise<Replica> {
  const holding = () =>
    c.replicas.filter(
      (r) => alive(r) && r.logged('became leader').length > r.logged('lost leadership; scheduled work stopped').length,
    );
  return pollUntil(async () => (holding().length === 1 ? holding()[0] : undefined), {
    timeoutMs: 20_000,
    describe: () => `leaders: [${holding().map((r) => r.id)}]`,
  });
}

/** Replicas whose relay logged that it delivered `kind` of `key` (the line comes after the ticket is updated). */
const deliveredBy = (key: string, kind: string) =>
  c.replicas
    .filter((r) => r.logged('helpdesk sync delivered').some((l) => l.ticketKey === key && l.kind === kind))
    .map((r) => r.id);

async function delivered(key: string, kind: string): Promise<string[]> {
  return pollUntil(async () => (deliveredBy(key, kind).length > 0 ? deliveredBy(key, kind) : undefined), {
    timeoutMs: 20_000,
    describe: () => `${kind} of ${key} not delivered; helpdesk saw ${JSON.stringify(fake.calls(undefined, key))}`,
  });
}

async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
  const db = new pg.Client({ connectionString: c.stores.databaseUrl });
  await db.connect();
  try {
    return (await db.query<R>(text, values)).rows;
  } finally {
    await db.end();
  }
}

const externalId = async (key: string) =>
  (await sql<{ external_id: string | null }>('SELECT external_id FROM tickets WHERE key = $1', [key]))[0]?.external_id;

/** "Resolve" on the ticket's card in the triage channel, as the associate, with a note. */
async function resolveTicket(key: string): Promise<void> {
  const api = c.harness.api;
  const card = await pollUntil(
    async () =>
      (await api.messages('pacs-triage')).find(
        (m) => m.bot_id && m.text.startsWith(`${key} `) && (!m.thread_ts || m.thread_ts === m.ts),
      ),
    { timeoutMs: 15_000, describe: () => `no card for ${key}` },
  );
  await api.click({ user: 'associate', channel: 'pacs-triage', ts: card.ts, action_id: 'triage_resolve', value: key });
  const view = await pollUntil(
    async () => (await api.views('associate')).find((v) => v.callback_id === 'ticket_resolve'),
    { timeoutMs: 15_000, describe: () => 'no resolve modal opened' },
  );
  const note = { value: { type: 'plain_text_input', value: 'Prior re-sent from the archive.' } };
  expect(await api.submit('associate', view.id, { note })).toEqual({});
}

/**
 * Issue 11: the helpdesk outbox relay runs on the leader only. When the leader is SIGKILLed another replica takes
 * over and pushes the changes made since; no ticket is created twice in the helpdesk.
 */
describe('the helpdesk relay across three replicas', () => {
  const keys: string[] = [];

  it('the leader SIGKILLed: creates and a status change are pushed once, by the next leader', async () => {
    const first = await leader();
    const old = [await createTicket(c, 'Relay test: prior missing'), await createTicket(c, 'Relay test: slow viewer')];
    for (const key of old) expect(await delivered(key, 'create')).toEqual([first.id]);
    await first.kill('SIGKILL');

    const next = await leader();
    expect(next.id).not.toBe(first.id);
    const fresh = [
      await createTicket(c, 'Relay test: worklist empty'),
      await createTicket(c, 'Relay test: DICOM send'),
    ];
    // The status change's first PATCH fails (changes nothing); the new leader retries it.
    fake.failNext('update', 503);
    await resolveTicket(old[0] as string);
    for (const key of fresh) expect(await delivered(key, 'create')).toEqual([next.id]);
    expect(await delivered(old[0] as string, 'status')).toEqual([next.id]);

    // ServiceNow's "Resolved" is state 6: set once, after the failed try.
    const resolved = fake.calls('update', old[0]).filter((call) => call.body?.state === '6');
    expect(resolved.map((call) => call.status)).toEqual([503, 200]);
    expect(fake.incidents(old[0])[0]?.fields.state).toBe('6');
    keys.push(...old, ...fresh);
    for (const key of keys) {
      expect(fake.calls('create', key)).toHaveLength(1);
      expect(await externalId(key)).toBe(fake.incidents(key)[0]?.sysId);
    }
  }, 120_000);

  it('the leader SIGKILLed while the helpdesk holds its create: the next leader finds that ticket, no second one', async () => {
    // The helpdesk has made the incident, but its answer never reaches the leader.
    const { key, next, held } = await killLeaderDuringCreate('now');
    expect(fake.incidents(key)).toHaveLength(1);
    expect(await delivered(key, 'create')).toEqual([next.id]);
    held.release();

    // ServiceNow has no idempotency key: the adapter looks the incident up by correlation_id before creating, so
    // the second attempt finds the first one's incident and records it.
    expect(fake.calls('lookup', key)).toHaveLength(2);
    expect(fake.calls('create', key)).toHaveLength(1);
    expect(await externalId(key)).toBe(fake.incidents(key)[0]?.sysId);
    for (const k of [...keys, key]) expect(fake.incidents(k)).toHaveLength(1);
  }, 120_000);

  it('a helpdesk that commits the held create only after the next leader looked: two incidents (the known limit)', async () => {
    const { key, next, held } = await killLeaderDuringCreate('at-release');
    expect(fake.incidents(key)).toHaveLength(0);
    expect(await delivered(key, 'create')).toEqual([next.id]);
    held.release();

    // Lookup-then-create is not atomic: the old request lands after the new leader's lookup and POST. The ticket
    // keeps the new leader's incident; the other carries the same correlation_id, unlinked.
    expect(fake.calls('create', key)).toHaveLength(2);
    const [mine, late] = fake.incidents(key);
    expect(await externalId(key)).toBe(mine?.sysId);
    expect(late?.key).toBe(key);
  }, 120_000);
});

/**
 * Brings the cluster back to three replicas, holds the leader's next create in the helpdesk, SIGKILLs the leader
 * once its POST has arrived, and ends the dead attempt's lease on the outbox row.
 */
async function killLeaderDuringCreate(commit: 'now' | 'at-release') {
  const killed = c.replicas.findIndex((r) => !alive(r));
  if (killed >= 0) await c.start(killed + 1);
  await c.connected(3);
  const holder = await leader();
  const held = fake.holdNext('create', { commit });
  const key = await createTicket(c, `Relay test: held create (${commit})`);
  const call = await pollUntil(async () => fake.calls('create', key)[0], { timeoutMs: 20_000 });
  expect(call).toBe(await held.received);
  expect(call.status).toBeUndefined();
  await holder.kill('SIGKILL');
  const next = await leader();
  expect(next.id).not.toBe(holder.id);
  // The dead attempt keeps the row leased for the relay's lease (5 min, outbox-relay.ts); attempts 1 shows no one
  // retried it meanwhile. End the lease now rather than wait, as if that time had passed.
  const leased = await sql<{ kind: string; attempts: number }>(
    'UPDATE outbox SET next_attempt_at = $2 WHERE ticket_key = $1 AND delivered_at IS NULL RETURNING kind, attempts',
    [key, new Date().toISOString()],
  );
  expect(leased).toEqual([{ kind: 'create', attempts: 1 }]);
  return { key, next, held };
}

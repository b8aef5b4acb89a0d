import { sql } from 'kysely';
import { type AppDatabase, createDatabase } from '../src/db/create-database.js';
import { createTicketStore } from '../src/tickets/ticket-store.js';
import { type DeskHarness, startDesk } from '../test/helpers/desk-harness.js';
import { createTempDatabase } from '../test/helpers/postgres.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { ms, percentile, printTable } from './stats.js';

const creates = 400;
const submits = 150;
const input = {
  summary: 'Outside CT not visible in PACS',
  description: 'bench',
  category: 'prior_import',
  urgency: 'urgent',
} as const;

/** Tickets per second through the real store (key allocation, timeline, outbox row), vs. a bare INSERT. */
async function throughput(database: AppDatabase): Promise<{ store: number; storeConcurrent: number; bare: number }> {
  const store = createTicketStore(database, { outbox: true });
  let started = performance.now();
  for (let i = 0; i < creates; i++) await store.create({ ...input, requesterId: 'U0BENCH' }, 'U0BENCH');
  const sequential = creates / ((performance.now() - started) / 1000);
  started = performance.now();
  for (let batch = 0; batch < creates / 10; batch++) {
    await Promise.all(Array.from({ length: 10 }, () => store.create({ ...input, requesterId: 'U0BENCH' }, 'U0BENCH')));
  }
  const concurrent = creates / ((performance.now() - started) / 1000);
  await sql`create table bench_bare (id integer primary key, summary text not null, created_at text not null)`.execute(
    database.db,
  );
  started = performance.now();
  for (let i = 0; i < creates; i++) {
    await sql`insert into bench_bare (id, summary, created_at) values (${i}, ${input.summary}, ${new Date().toISOString()})`.execute(
      database.db,
    );
  }
  const bare = creates / ((performance.now() - started) / 1000);
  return { store: sequential, storeConcurrent: concurrent, bare };
}

/** Round trip of a modal submission through the workspace to the bot and back (Slack's 3-second ack). */
async function submitLatency(env: Record<string, string>): Promise<number[]> {
  const desk: DeskHarness = await startDesk({ LOG_LEVEL: 'silent', ...env });
  const times: number[] = [];
  try {
    for (let i = 0; i < submits + 10; i++) {
      await desk.api('/api/test/shortcut', { user: 'associate', callback_id: 'pacs_new_ticket' });
      const view = await desk.ws.waitForView({ user: 'U0ASSOC01', callback_id: 'ticket_new' });
      const values = {
        summary: { value: { type: 'plain_text_input', value: `Bench ticket ${i}` } },
        category: { value: { type: 'static_select', selected_option: { value: 'other' } } },
        urgency: { value: { type: 'radio_buttons', selected_option: { value: 'routine' } } },
      };
      const started = performance.now();
      await desk.api('/api/test/submit', { user: 'associate', view_id: view.id, values });
      if (i >= 10) times.push(performance.now() - started);
    }
  } finally {
    await desk.stop();
  }
  return times;
}

export async function run(): Promise<void> {
  const dir = tempDir('bench-tickets-');
  const sqlite = await createDatabase({ dataDir: dir.path });
  const sqliteRates = await throughput(sqlite);
  await sqlite.close();
  const pgTemp = await createTempDatabase();
  const pg = await createDatabase({ dataDir: dir.path, databaseUrl: pgTemp.url });
  const pgRates = await throughput(pg);
  await pg.close();

  const sqliteSubmit = await submitLatency({});
  const pgSubmit = await submitLatency({ DATABASE_URL: pgTemp.url });
  await pgTemp.drop();
  dir.remove();

  const rate = (n: number) => `${n.toFixed(0)} /s`;
  printTable(
    `Tickets — ${creates} creates, ${submits} modal submits`,
    ['SQLite', 'PostgreSQL'],
    [
      ['create, one at a time', rate(sqliteRates.store), rate(pgRates.store)],
      ['create, 10 at a time', rate(sqliteRates.storeConcurrent), rate(pgRates.storeConcurrent)],
      ['baseline: bare INSERT', rate(sqliteRates.bare), rate(pgRates.bare)],
      ['modal submit → ack p50', ms(percentile(sqliteSubmit, 50)), ms(percentile(pgSubmit, 50))],
      ['modal submit → ack p99', ms(percentile(sqliteSubmit, 99)), ms(percentile(pgSubmit, 99))],
    ],
  );
  console.log(
    'Target: modal-submit ack p99 < 100 ms. A create is one transaction: key, ticket, timeline entry, outbox row (synchronous=FULL on SQLite).',
  );
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/db/create-database.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { backends, fakeClock, newTicket, type TestLocation } from '../tickets/helpers.js';

const dir = tempDir();
const channelsFile = join(dir.path, 'channels.json');
// `cardio` has no tickets: the summary still lists it, with zeros.
writeFileSync(
  channelsFile,
  JSON.stringify({
    queues: [
      { id: 'ed', triageChannel: 'C0EDTRIAG', sla: { urgent: 30 } },
      { id: 'cardio', categories: ['viewer_access'] },
    ],
  }),
);
afterAll(() => dir.remove());

describe.each(backends)('queues in the store and the CLI on $name', (backend) => {
  let location: TestLocation;
  let database: AppDatabase;
  const clock = fakeClock('2026-04-06T09:00:00.000Z');
  const keys: Record<string, string> = {};
  const run = (...argv: string[]) =>
    runCliCaptured(argv, {
      dataDir: location.dataDir,
      cwd: dir.path,
      env: { CHANNELS_CONFIG: channelsFile, ...(location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : {}) },
    });

  beforeAll(async () => {
    location = await backend.location();
    database = await location.open();
    const store = createTicketStore(database, { now: clock.now });
    // ed: two tickets on a 30-minute urgent target; one resolved in 20 min with CSAT 4, one open past it.
    const ed1 = await store.create(newTicket({ queue: 'ed' }), 'U0REQ', { stat: 10, urgent: 30, routine: 600 });
    const ed2 = await store.create(newTicket({ queue: 'ed' }), 'U0REQ', { stat: 10, urgent: 30, routine: 600 });
    const plain = await store.create(newTicket(), 'U0REQ');
    clock.advance(10 * 60_000);
    await store.assign(ed1.key, 'U0ANN', 'U0ANN');
    clock.advance(10 * 60_000);
    await store.setStatus(ed1.key, 'resolved', 'U0ANN', 'Re-sent');
    await store.recordCsat(ed1.key, 4, 'U0REQ');
    clock.advance(60 * 60_000);
    Object.assign(keys, { ed1: ed1.key, ed2: ed2.key, plain: plain.key });
  });
  afterAll(async () => {
    await database.close();
    await location.cleanup();
  });

  it('stores the queue and its SLA targets; tickets without one are in default', async () => {
    const store = createTicketStore(database, { now: clock.now });
    const ed2 = await store.get(keys.ed2 ?? '');
    expect(ed2).toMatchObject({ queue: 'ed', slaDueAt: '2026-04-06T09:30:00.000Z' });
    expect(await store.get(keys.plain ?? '')).toMatchObject({ queue: 'default', slaDueAt: '2026-04-06T13:00:00.000Z' });
    // A new urgency follows the targets given (the ticket's queue's), else the store's.
    await store.setUrgency(keys.ed2 ?? '', 'stat', 'U0ANN', { stat: 10, urgent: 30, routine: 600 });
    expect((await store.get(keys.ed2 ?? ''))?.slaDueAt).toBe('2026-04-06T09:10:00.000Z');
    expect((await store.list({ queue: 'ed' })).map((t) => t.key)).toEqual([keys.ed2, keys.ed1]);
    expect(await store.list({ queue: 'cardio' })).toEqual([]);
  });

  it("rows written without a queue (as before the migration) get the column's default", async () => {
    await sql`insert into tickets (key, requester_id, summary, description, category, urgency, status, created_at, updated_at, touched_at, sla_due_at, version)
      values ('OLD-1', 'U0REQ', 'old ticket', '', 'other', 'routine', 'new', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-04T00:00:00.000Z', 1)`.execute(
      database.db,
    );
    expect((await createTicketStore(database).get('OLD-1'))?.queue).toBe('default');
    await sql`delete from tickets where key = 'OLD-1'`.execute(database.db);
  });

  it('tickets list --queue lists one queue; list and show --json carry the queue', async () => {
    const ed = await run('tickets', 'list', '--queue', 'ed', '--json');
    expect(ed.code).toBe(0);
    expect(JSON.parse(ed.stdout)).toMatchObject([
      { key: keys.ed2, queue: 'ed' },
      { key: keys.ed1, queue: 'ed' },
    ]);
    expect(JSON.parse((await run('tickets', 'list', '--queue', 'default', '--json')).stdout)).toMatchObject([
      { key: keys.plain, queue: 'default' },
    ]);
    expect(JSON.parse((await run('tickets', 'show', keys.ed1 ?? '', '--json')).stdout).ticket.queue).toBe('ed');
    expect((await run('tickets', 'show', keys.ed1 ?? '')).stdout).toContain('queue ed');
    const bad = await run('tickets', 'list', '--queue', 'ED; drop');
    expect(bad.code).toBe(2);
  });

  it('tickets summary --json splits the week by queue, every configured queue listed', async () => {
    const { code, stdout } = await run('tickets', 'summary', '--since', '2026-04-01', '--json');
    expect(code).toBe(0);
    const s = JSON.parse(stdout);
    expect(s.volume.total).toBe(3);
    expect(s.queues).toEqual([
      // The CLI's now is the real clock, months after these tickets: the open ones are past their SLA.
      {
        id: 'default',
        opened: 1,
        resolved: 0,
        firstResponseP50Min: null,
        resolutionP50Min: null,
        slaBreaches: 1,
        csat: null,
      },
      { id: 'ed', opened: 2, resolved: 1, firstResponseP50Min: 10, resolutionP50Min: 20, slaBreaches: 1, csat: 4 },
      {
        id: 'cardio',
        opened: 0,
        resolved: 0,
        firstResponseP50Min: null,
        resolutionP50Min: null,
        slaBreaches: 0,
        csat: null,
      },
    ]);
    expect((await run('tickets', 'summary', '--since', '2026-04-01')).stdout).toContain(
      'Queue ed: 2 opened, 1 resolved',
    );
  });
});

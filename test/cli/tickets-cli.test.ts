import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/create-database.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeClock, newTicket } from '../tickets/helpers.js';

const dir = tempDir();
const env: NodeJS.ProcessEnv = { DATA_DIR: join(dir.path, 'data') };
let keys: { a: string; b: string; c: string };

function run(...argv: string[]) {
  // `env` is read at call time: tests switch it to PostgreSQL with DATABASE_URL.
  return runCliCaptured(argv, { dataDir: env.DATA_DIR ?? '', env, cwd: dir.path });
}

/** Three tickets: A resolved with CSAT, B open with a comment, C closed as a duplicate. */
async function seed(databaseUrl?: string) {
  const database = await createDatabase({ dataDir: env.DATA_DIR ?? '', databaseUrl });
  const clock = fakeClock('2026-01-05T09:00:00.000Z');
  const store = createTicketStore(database, { now: clock.now });
  const a = await store.create(
    newTicket({ summary: '=cmd|"calc"!A1, bad', accession: 'A1234567', description: 'MRN 12345678 missing' }),
    'U0REQ',
  );
  const b = await store.create(newTicket({ category: 'hardware', urgency: 'routine', requesterId: 'U0RQ2' }), 'U0RQ2');
  const c = await store.create(newTicket({ category: 'viewer_access', urgency: 'stat' }), 'U0REQ');
  clock.advance(5 * 60_000);
  await store.setStatus(c.key, 'closed', 'U0ANN', 'duplicate');
  clock.advance(5 * 60_000);
  await store.assign(a.key, 'U0ANN', 'U0ANN');
  clock.advance(20 * 60_000);
  await store.addComment(b.key, 'U0BOB', 'Which workstation?');
  clock.advance(30 * 60_000);
  await store.setStatus(a.key, 'resolved', 'U0ANN', 'Re-sent from the CT');
  await store.recordCsat(a.key, 5, 'U0REQ');
  await database.close();
  return { a: a.key, b: b.key, c: c.key };
}

beforeAll(async () => {
  keys = await seed();
});
afterAll(() => dir.remove());

describe('pacs-desk tickets', () => {
  it('list --json gives the contract fields, newest first, with Slack user ids', async () => {
    const { code, stdout } = await run('tickets', 'list', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows.map((r: { key: string }) => r.key)).toEqual([keys.c, keys.b, keys.a]);
    expect(rows[2]).toEqual({
      key: keys.a,
      status: 'resolved',
      urgency: 'urgent',
      category: 'missing_study',
      summary: '=cmd|"calc"!A1, bad',
      requester: 'U0REQ',
      assignee: 'U0ANN',
      created_at: '2026-01-05T09:00:00.000Z',
      queue: 'default',
    });
    expect(rows[1].assignee).toBeNull();
  });

  it('list --status takes a status or "open", and rejects anything else', async () => {
    expect(JSON.parse((await run('tickets', 'list', '--status', 'open', '--json')).stdout)).toMatchObject([
      { key: keys.b },
    ]);
    expect(JSON.parse((await run('tickets', 'list', '--status', 'closed', '--json')).stdout)).toMatchObject([
      { key: keys.c },
    ]);
    const bad = await run('tickets', 'list', '--status', 'done');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status is open or one of');
    expect((await run('tickets', 'list')).stdout).toContain(`${keys.b}`);
  });

  it('show prints the ticket and its timeline; an unknown key is a clear failure', async () => {
    const { code, stdout } = await run('tickets', 'show', keys.a.toLowerCase(), '--json');
    expect(code).toBe(0);
    const { ticket, timeline } = JSON.parse(stdout);
    expect(ticket).toMatchObject({ key: keys.a, status: 'resolved', csat: 5, accession: 'A1234567' });
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assignment', 'status', 'csat']);
    expect((await run('tickets', 'show', keys.a)).stdout).toContain('Re-sent from the CT');
    const missing = await run('tickets', 'show', 'PACS-9999');
    expect(missing).toMatchObject({ code: 1, stderr: 'pacs-desk: no ticket PACS-9999\n' });
    expect((await run('tickets', 'show')).code).toBe(2);
    expect((await run('tickets', 'frob')).code).toBe(2);
  });

  it('export --csv writes RFC 4180 CSV without accession, formula cells neutralised', async () => {
    const { code, stdout } = await run('tickets', 'export', '--csv');
    expect(code).toBe(0);
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe(
      'key,status,urgency,category,site,summary,requester,assignee,created_at,first_response_at,resolved_at,closed_at,sla_due_at,csat,external_system,external_id',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(
      `${keys.a},resolved,urgent,missing_study,Main campus,"'=cmd|""calc""!A1, bad",U0REQ,U0ANN,`,
    );
    expect(stdout).not.toContain('A1234567');
    expect(stdout).not.toContain('12345678');
    expect((await run('tickets', 'export')).code).toBe(2);
  });

  it('summary reports volume, response and resolution times, SLA breaches and CSAT', async () => {
    const { code, stdout } = await run('tickets', 'summary', '--since', '2026-01-01', '--json');
    expect(code).toBe(0);
    const s = JSON.parse(stdout);
    expect(s.volume).toEqual({
      total: 3,
      open: 1,
      byCategory: { hardware: 1, missing_study: 1, viewer_access: 1 },
      byUrgency: { routine: 1, stat: 1, urgent: 1 },
    });
    expect(s.firstResponse.all).toEqual({ count: 3, medianMinutes: 10, p90Minutes: 30 });
    expect(s.firstResponse.byCategory.hardware).toEqual({ count: 1, medianMinutes: 30, p90Minutes: 30 });
    expect(s.resolution.all).toEqual({ count: 1, medianMinutes: 60, p90Minutes: 60 });
    expect(s.slaBreaches).toEqual({ total: 1, stillOpen: 1, byUrgency: { routine: 1 } });
    expect(s.csat).toEqual({ average: 5, count: 1 });
    expect((await run('tickets', 'summary', '--since', '2026-01-01')).stdout).toContain('Volume: 3 (1 still open)');
    expect((await run('tickets', 'summary', '--since', '2030-01-01', '--json')).stdout).toContain('"total":0');
    expect((await run('tickets', 'summary', '--since', 'last week')).code).toBe(2);
  });

  it('reads PostgreSQL when DATABASE_URL is set', async () => {
    const temp = await createTempDatabase();
    env.DATABASE_URL = temp.url;
    try {
      const seeded = await seed(temp.url);
      const rows = JSON.parse((await run('tickets', 'list', '--status', 'open', '--json')).stdout);
      expect(rows).toMatchObject([{ key: seeded.b, category: 'hardware' }]);
    } finally {
      delete env.DATABASE_URL;
      await temp.drop();
    }
  });
});

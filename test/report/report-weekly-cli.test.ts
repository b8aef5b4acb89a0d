import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/create-database.js';
import { pngSize } from '../../src/report/render-png.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeClock, newTicket } from '../tickets/helpers.js';

const dir = tempDir();
const channelsFile = join(dir.path, 'channels.yaml');
const env: NodeJS.ProcessEnv = {
  DATA_DIR: join(dir.path, 'data'),
  CHANNELS_CONFIG: channelsFile,
  SLA_URGENT_MINUTES: '240',
  SLA_ROUTINE_MINUTES: '600',
};
const run = (...argv: string[]) => runCliCaptured(argv, { dataDir: env.DATA_DIR ?? '', env, cwd: dir.path });

/**
 * The week of 2026-01-05: A (urgent) answered after 10 min, resolved after 40 with CSAT 4; B (routine) answered
 * after 30 min and still open (past its 600-minute target by the end of the week); C closed as a duplicate; D
 * opened the week before and resolved in this one after 3 days (late: a breach of last week, not this one).
 */
async function seed() {
  writeFileSync(channelsFile, 'queues:\n  - { id: ed, triageChannel: C0EDTRIAGE }\n');
  const database = await createDatabase({ dataDir: env.DATA_DIR ?? '' });
  const clock = fakeClock('2026-01-02T09:00:00.000Z');
  const store = createTicketStore(database, {
    now: clock.now,
    slaTargets: { stat: 60, urgent: 240, routine: 600 },
  });
  const d = await store.create(newTicket({ category: 'hardware', urgency: 'routine' }), 'U0REQ');
  clock.advance(3 * 24 * 3600_000);
  const a = await store.create(newTicket({ accession: 'A7654321' }), 'U0REQ');
  const b = await store.create(newTicket({ category: 'hardware', urgency: 'routine', requesterId: 'U0RQ2' }), 'U0RQ2');
  const c = await store.create(newTicket({ category: 'viewer_access', urgency: 'stat' }), 'U0REQ');
  await store.setStatus(d.key, 'resolved', 'U0ANN', 'Replaced the cable');
  clock.advance(5 * 60_000);
  await store.setStatus(c.key, 'closed', 'U0ANN', 'duplicate');
  clock.advance(5 * 60_000);
  await store.assign(a.key, 'U0ANN', 'U0ANN');
  clock.advance(20 * 60_000);
  await store.addComment(b.key, 'U0BOB', 'Which workstation?');
  clock.advance(10 * 60_000);
  await store.setStatus(a.key, 'resolved', 'U0ANN', 'Re-sent from the CT');
  await store.recordCsat(a.key, 4, 'U0REQ');
  await database.close();
}

beforeAll(seed);
afterAll(() => dir.remove());

describe('pacs-desk report weekly', () => {
  it('--json gives exactly the contract fields per queue, every configured queue listed', async () => {
    const { code, stdout, stderr } = await run('report', 'weekly', '--since', '2026-01-05', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.since).toBe('2026-01-05T00:00:00.000Z');
    expect(report.until).toBe('2026-01-12T00:00:00.000Z');
    expect(report.queues).toEqual([
      {
        id: 'default',
        opened: 3,
        resolved: 2,
        firstResponseP50Min: 10,
        resolutionP50Min: 40,
        slaBreaches: 1,
        csat: 4,
      },
      {
        id: 'ed',
        opened: 0,
        resolved: 0,
        firstResponseP50Min: null,
        resolutionP50Min: null,
        slaBreaches: 0,
        csat: null,
      },
    ]);
    expect(report.deflection).toEqual({ questions: 0, answeredNoTicket: 0, ticketsFromAnswers: 0 });
    expect(report.gaps).toEqual([]);
    expect(report.byCategory).toEqual({ hardware: 1, missing_study: 1, viewer_access: 1 });
    expect(stdout).not.toContain('A7654321');
  });

  it('without --json prints the digest as text; --png writes the chart', async () => {
    const text = await run('report', 'weekly', '--since', '2026-01-05');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('default: 3 opened, 2 resolved');
    const png = await run('report', 'weekly', '--since', '2026-01-05', '--png', 'chart.png');
    expect(png.code).toBe(0);
    expect(pngSize(readFileSync(join(dir.path, 'chart.png')))).toEqual({ width: 800, height: 420 });
  });

  it('rejects a bad date, an unknown subcommand and --json with --png', async () => {
    expect((await run('report', 'weekly', '--since', '5 Jan')).code).toBe(2);
    expect((await run('report', 'monthly')).stderr).toContain('unknown subcommand');
    expect((await run('report', 'weekly', '--json', '--png', 'x.png')).code).toBe(2);
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import { createIncidentLog, type IncidentLog, IncidentSource } from '../../src/pacs/monitors/incident-log.js';
import { digestSections } from '../../src/report/digest-blocks.js';
import { incidentSource } from '../../src/report/incident-source.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { backends } from '../kb/gaps/backends.js';

const period = { since: new Date('2026-01-05T00:00:00Z'), until: new Date('2026-01-12T00:00:00Z') };
const pacs = IncidentSource.Pacs;

/**
 * Around the week of 2026-01-05: one over before it, one spanning its start, one inside it, one spanning its end,
 * one still open since before it, and one that starts after it.
 */
async function seed(log: IncidentLog) {
  const incident = async (key: string, openedAt: string, recoveredAt?: string) => {
    await log.opened({ key, summary: `${key} failing`, source: pacs, openedAt });
    if (recoveredAt) await log.recovered({ key, summary: `${key} failing`, source: pacs, openedAt, recoveredAt });
  };
  await incident('before', '2026-01-03T10:00:00.000Z', '2026-01-04T23:59:59.999Z');
  await incident('into-week', '2026-01-04T22:00:00.000Z', '2026-01-05T01:00:00.000Z');
  await incident('during', '2026-01-07T08:00:00.000Z', '2026-01-07T08:30:00.000Z');
  await incident('out-of-week', '2026-01-11T23:00:00.000Z', '2026-01-12T02:00:00.000Z');
  await incident('still-open', '2026-01-01T06:00:00.000Z');
  await incident('after', '2026-01-12T00:00:00.000Z');
}

describe.each(backends)('the weekly report incidents on $name', (backend) => {
  let database: AppDatabase;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ database, cleanup } = await backend.open());
    await seed(createIncidentLog(database));
  });
  afterAll(async () => {
    await database.close();
    await cleanup();
  });

  it('lists the incidents open at any time in the period, oldest first, with until only once recovered', async () => {
    const incidents = await incidentSource(createIncidentLog(database))(period);
    expect(incidents).toEqual([
      { key: 'still-open', summary: 'still-open failing', since: '2026-01-01T06:00:00.000Z' },
      {
        key: 'into-week',
        summary: 'into-week failing',
        since: '2026-01-04T22:00:00.000Z',
        until: '2026-01-05T01:00:00.000Z',
      },
      {
        key: 'during',
        summary: 'during failing',
        since: '2026-01-07T08:00:00.000Z',
        until: '2026-01-07T08:30:00.000Z',
      },
      {
        key: 'out-of-week',
        summary: 'out-of-week failing',
        since: '2026-01-11T23:00:00.000Z',
        until: '2026-01-12T02:00:00.000Z',
      },
    ]);
  });
});

describe('pacs-desk report weekly with incidents', () => {
  const dir = tempDir();
  const env = { DATA_DIR: join(dir.path, 'data') };
  beforeAll(async () => {
    const database = await createDatabase({ dataDir: env.DATA_DIR });
    await seed(createIncidentLog(database));
    await database.close();
  });
  afterAll(() => dir.remove());

  it('--json lists the week’s incidents and the text output shows them', async () => {
    const run = (...argv: string[]) => runCliCaptured(argv, { dataDir: env.DATA_DIR, env, cwd: dir.path });
    const json = await run('report', 'weekly', '--since', '2026-01-05', '--json');
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.incidents.map((i: { key: string }) => i.key)).toEqual([
      'still-open',
      'into-week',
      'during',
      'out-of-week',
    ]);
    expect(report.incidents[2]).toEqual({
      key: 'during',
      summary: 'during failing',
      since: '2026-01-07T08:00:00.000Z',
      until: '2026-01-07T08:30:00.000Z',
    });
    const lines = digestSections(report).find((s) => s.title === 'PACS incidents')?.lines;
    expect(lines).toHaveLength(4);
    const text = await run('report', 'weekly', '--since', '2026-01-05');
    expect(text.stdout).toContain('`during`: during failing (2026-01-07 08:00 to 2026-01-07 08:30)');
    expect(text.stdout).toMatch(/`still-open`: .* \(since .*, still open\)/);
    expect(text.stdout).not.toContain('after failing');
  });
});

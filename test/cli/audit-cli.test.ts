import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditOutcome, type AuditRecord, AuditType } from '../../src/audit/audit-events.js';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { runAudit } from '../../src/cli/audit.js';
import { runCli } from '../../src/cli/index.js';
import type { CliIo } from '../../src/cli/io.js';
import { createDatabase } from '../../src/db/create-database.js';
import { dropGuards, queryEvent, steppingClock } from '../audit/helpers.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir();
const env: NodeJS.ProcessEnv = { DATA_DIR: join(dir.path, 'data') };

function io() {
  const out = { stdout: '', stderr: '' };
  const cliIo: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    env,
    cwd: dir.path,
  };
  return { out, cliIo };
}

async function run(...argv: string[]) {
  const { out, cliIo } = io();
  const code = await runCli(argv, cliIo);
  return { code, ...out };
}

/** Three records a day apart: a query on 5 Jan, an access on 6 Jan, a security alert on 7 Jan. */
async function seed(databaseUrl?: string) {
  const database = await createDatabase({ dataDir: env.DATA_DIR ?? '', databaseUrl });
  const days = ['2026-01-05T09:00:00.000Z', '2026-01-06T09:00:00.000Z', '2026-01-07T09:00:00.000Z'];
  const log = createAuditLog(database, { now: () => Date.parse(days.shift() ?? '2026-01-08T00:00:00.000Z') });
  await log.append(queryEvent({ description: 'pacs.study issued\r\nINFO fake' }));
  await log.append(
    queryEvent({ event: 'InstancesAccessed', patientId: 'P-1', studyUids: ['1.2.3.4.5'], description: 'shown' }),
  );
  await log.append(
    queryEvent({
      event: 'SecurityAlert',
      type: AuditType.UseOfRestrictedFunction,
      outcome: AuditOutcome.MinorFailure,
      description: 'denied',
    }),
  );
  await database.close();
}

beforeAll(() => seed());
afterAll(() => dir.remove());

describe('pacs-desk audit', () => {
  it('U6: export --json gives the records in range, and records the read itself as Audit Log Used (110101)', async () => {
    const { code, stdout } = await run('audit', 'export', '--since', '2026-01-06', '--until', '2026-01-06', '--json');
    expect(code).toBe(0);
    const records: AuditRecord[] = JSON.parse(stdout);
    expect(records.map((r) => [r.id, r.eventId, r.patientId])).toEqual([[2, '110103', 'P-1']]);
    const all: AuditRecord[] = JSON.parse((await run('audit', 'export', '--since', '2026-01-01', '--json')).stdout);
    expect(all.map((r) => r.eventId)).toEqual(['110112', '110103', '110113', '110101', '110101']);
    expect(all[3]).toMatchObject({
      eventMeaning: 'Audit Log Used',
      action: 'R',
      outcome: 0,
      source: 'cli',
      command: 'audit.export',
      query: { since: '2026-01-06T00:00:00.000Z', until: '2026-01-07T00:00:00.000Z', format: 'json' },
    });
    expect(all[3]?.actorUserId).toMatch(/^cli:/);
  });

  it('U7: export prints a readable table, one line per record, with CR/LF neutralised', async () => {
    const { code, stdout } = await run('audit', 'export', '--since', '2026-01-05T00:00:00Z', '--until', '2026-01-07');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+recorded \(UTC\)\s+event/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('110112 Query');
    expect(lines[1]).toContain('pacs.study issued\\r\\nINFO fake');
    expect(lines[3]).toContain('110113 Security Alert / Use of Restricted Function');
    expect(lines[3]).toContain('4 minor');
  });

  it('verify reports an intact chain, counting its own 110101 record', async () => {
    const { code, stdout } = await run('audit', 'verify');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^chain intact: \d+ records \(head [0-9a-f]{64}\)\n$/);
    const verified: AuditRecord[] = JSON.parse(
      (await runAuditJson({ sub: 'export', since: '2026-01-01', json: true })).stdout,
    );
    expect(verified.filter((r) => r.command === 'audit.verify')).toHaveLength(1);
  });

  it('stamps the 110101 record with the given clock', async () => {
    const at = steppingClock('2026-02-01T12:00:00.000Z');
    const { stdout } = await runAuditJson({
      sub: 'export',
      since: '2026-02-01',
      until: '2026-02-01',
      json: true,
      now: at,
    });
    expect(JSON.parse(stdout)).toMatchObject([{ eventId: '110101', recordedAt: '2026-02-01T12:00:00.000Z' }]);
  });

  it('rejects a missing or malformed date and an unknown subcommand as usage errors', async () => {
    expect((await run('audit', 'export')).code).toBe(2);
    expect((await run('audit', 'export', '--since', 'last week')).stderr).toContain('--since takes a date');
    expect((await run('audit', 'export', '--since', '2026-01-01', '--until', '2026-13-45')).code).toBe(2);
    expect((await run('audit', 'frob')).code).toBe(2);
  });

  it('U6: verify exits 1 and says where the chain breaks after a record is edited in the database', async () => {
    const database = await createDatabase({ dataDir: env.DATA_DIR ?? '' });
    await dropGuards(database);
    await sql`update audit_log set patient_id = 'P-9' where id = 2`.execute(database.db);
    await database.close();
    const { code, stdout } = await run('audit', 'verify');
    expect(code).toBe(1);
    expect(stdout).toBe('chain broken at record 2: hash_mismatch (1 records check out before it)\n');
    const reopened = await createDatabase({ dataDir: env.DATA_DIR ?? '' });
    const last = (await createAuditLog(reopened).list()).at(-1);
    await reopened.close();
    expect(last).toMatchObject({
      eventId: '110101',
      outcome: 12,
      description: 'audit chain broken at record 2: hash_mismatch',
    });
  });

  it('reads PostgreSQL when DATABASE_URL is set', async () => {
    const temp = await createTempDatabase();
    env.DATABASE_URL = temp.url;
    try {
      await seed(temp.url);
      const records: AuditRecord[] = JSON.parse(
        (await run('audit', 'export', '--since', '2026-01-07', '--json')).stdout,
      );
      expect(records.map((r) => r.eventId)).toEqual(['110113', '110101']);
      expect(await run('audit', 'verify')).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('chain intact: 5 records'),
      });
    } finally {
      delete env.DATABASE_URL;
      await temp.drop();
    }
  });
});

async function runAuditJson(args: Parameters<typeof runAudit>[1]) {
  const { out, cliIo } = io();
  await runAudit(cliIo, args);
  return out;
}

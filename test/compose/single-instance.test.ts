import { hostname } from 'node:os';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../src/cluster/backends/postgres.js';
import { composeDesk, type Desk } from '../../src/compose/compose-desk.js';
import { holdSingleInstance, isDeadLocalProcess, singleInstanceLease } from '../../src/compose/single-instance.js';
import { loadConfig } from '../../src/config.js';
import { BotError, ErrorCode } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import { createDatabase } from '../../src/db/create-database.js';
import { tempDir } from '../helpers/temp-dir.js';

const logger = createLogger({ level: 'silent' });
const fixed = Date.parse('2031-05-06T07:08:09.000Z');
const dirs: ReturnType<typeof tempDir>[] = [];
const desks: Desk[] = [];
afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

function newDir() {
  const dir = tempDir('single-instance-');
  dirs.push(dir);
  return dir.path;
}

async function desk(dataDir: string, replicaId: string): Promise<Desk> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    KB_WATCH: 'false',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    REPLICA_ID: replicaId,
  });
  const d = await composeDesk(config, { logger, now: () => fixed, llmMaxRetries: 0 });
  desks.push(d);
  return d;
}

// A pid above Linux's largest pid_max (2^22): no process has it.
const deadPid = 2 ** 22 + 7;

describe('SQLite: one process per DATA_DIR', () => {
  it('refuses a second desk on the same DATA_DIR with the fix, and lets it start once the first stopped', async () => {
    const dataDir = newDir();
    const first = await desk(dataDir, 'desk-a');
    const refused = await desk(dataDir, 'desk-b').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BotError);
    expect((refused as BotError).code).toBe(ErrorCode.ConfigInvalid);
    expect((refused as BotError).userMessage).toContain(`another PACS Desk is already running on DATA_DIR ${dataDir}`);
    expect((refused as BotError).userMessage).toContain('SQLite serves one process');
    expect((refused as BotError).userMessage).toContain('DATABASE_URL=postgres://');
    // Another DATA_DIR is another database: no conflict.
    await desk(newDir(), 'desk-c');
    await first.close();
    desks.splice(desks.indexOf(first), 1);
    const second = await desk(dataDir, 'desk-b');
    expect(second.cluster.replicaId).toBe('desk-b');
  });

  it('takes the lease at once from a crashed process of this host, and never from a live one', async () => {
    const dataDir = newDir();
    const database = await createDatabase({ dataDir });
    const backend = postgresBackend(database.db);
    const hold = (holderId: string) =>
      holdSingleInstance({ database, backend, holderId, dataDir, ttlMs: 15_000, logger, now: () => fixed });
    try {
      const live = `${hostname()}-${process.ppid}`; // the process that started the tests: alive
      expect(await backend.leases.acquire(singleInstanceLease, live, 15_000, fixed)).toBeDefined();
      await expect(hold('desk-new')).rejects.toThrow(/already running/);

      await sql`delete from cluster_leases`.execute(database.db);
      const crashed = `${hostname()}-${deadPid}`;
      expect(await backend.leases.acquire(singleInstanceLease, crashed, 15_000, fixed)).toBeDefined();
      const held = await hold('desk-new');
      // The new holder's lease is live: the crashed one's name cannot take it back.
      expect(await backend.leases.acquire(singleInstanceLease, crashed, 15_000, fixed + 1)).toBeUndefined();
      await held.stop();
    } finally {
      await database.close();
    }
  });

  it('calls a holder dead only when it is a pid of this host that no longer exists', () => {
    expect(isDeadLocalProcess(`${hostname()}-${deadPid}`)).toBe(true);
    expect(isDeadLocalProcess(`${hostname()}-${process.ppid}`)).toBe(false);
    expect(isDeadLocalProcess(`${hostname()}-${process.pid}`)).toBe(false);
    expect(isDeadLocalProcess(`other-host-${deadPid}`)).toBe(false);
    expect(isDeadLocalProcess('pod-7')).toBe(false);
  });
});

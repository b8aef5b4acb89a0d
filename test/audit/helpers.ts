import { sql } from 'kysely';
import { type AuditEventInput, AuditOutcome } from '../../src/audit/audit-events.js';
import type { Clock } from '../../src/core/clock.js';
import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import { Dialect } from '../../src/db/dialect.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A fresh store, a second connection to the same store (another process: the CLI), and its removal. */
export interface TestStore {
  database: AppDatabase;
  location: { dataDir: string; databaseUrl?: string };
  openAnother(): Promise<AppDatabase>;
  cleanup(): Promise<void>;
}

/** The same suites run on SQLite (a temp folder) and on the local PostgreSQL server (a temp database). */
export const backends = [
  {
    name: 'SQLite',
    async open(): Promise<TestStore> {
      const dir = tempDir();
      const database = await createDatabase({ dataDir: dir.path });
      return {
        database,
        location: { dataDir: dir.path },
        openAnother: () => createDatabase({ dataDir: dir.path }),
        cleanup: async () => {
          await database.close();
          dir.remove();
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    async open(): Promise<TestStore> {
      const temp = await createTempDatabase();
      const database = await createDatabase({ dataDir: '/unused', databaseUrl: temp.url });
      return {
        database,
        location: { dataDir: '/unused', databaseUrl: temp.url },
        openAnother: () => createDatabase({ dataDir: '/unused', databaseUrl: temp.url }),
        cleanup: async () => {
          await database.close();
          await temp.drop();
        },
      };
    },
  },
];

/** A clock that moves 1 ms per reading, from a fixed instant. */
export function steppingClock(start = '2026-01-05T09:00:00.000Z'): Clock {
  let at = Date.parse(start);
  return () => at++;
}

/** What an attacker with database admin rights does first: switch the append-only guards off. */
export async function dropGuards(database: AppDatabase): Promise<void> {
  const statements =
    database.dialect === Dialect.Postgres
      ? ['alter table audit_log disable trigger user', 'alter table audit_head disable trigger user']
      : [
          'audit_log_no_update',
          'audit_log_no_delete',
          'audit_log_extend_only',
          'audit_head_guard',
          'audit_head_no_delete',
        ].map((name) => `drop trigger ${name}`);
  for (const statement of statements) await sql.raw(statement).execute(database.db);
}

/** Runs raw SQL, as someone at a database prompt would. */
export async function rawSql(database: AppDatabase, statement: string): Promise<void> {
  await sql.raw(statement).execute(database.db);
}

/** A query event as the Slack layer would send it. */
export function queryEvent(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    event: 'Query',
    outcome: AuditOutcome.Success,
    actor: { userId: 'U0SUPPORT', teamId: 'T0HOSP' },
    source: 'slack',
    site: 'main',
    command: 'pacs.study',
    query: { accession: 'A1234567', limit: 6 },
    description: 'pacs.study issued',
    correlationId: 'Ev0001',
    ...overrides,
  };
}

import { sql } from 'kysely';
import type { AppDatabase } from './create-database.js';
import { Dialect } from './dialect.js';

/** True when the database answers a trivial query (for /readyz); false once it is closed or unreachable. */
export async function databaseAnswers(database: AppDatabase): Promise<boolean> {
  const result = await sql<{ ok: number }>`select 1 as ok`.execute(database.db);
  return Number(result.rows[0]?.ok) === 1;
}

/**
 * Folds SQLite's write-ahead log into the main file before close, so a stopped bot leaves one
 * self-contained file (backups, copies). A no-op on PostgreSQL.
 */
export async function checkpointDatabase(database: AppDatabase): Promise<void> {
  if (database.dialect !== Dialect.Sqlite) return;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
}

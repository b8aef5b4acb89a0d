import { sql } from 'kysely';
import type { AppDatabase } from './create-database.js';
import { Dialect } from './dialect.js';

/**
 * For /readyz: true when the database can take a write right now. PostgreSQL: a trivial query.
 * SQLite: take and release the write lock (`BEGIN IMMEDIATE; ROLLBACK`) with the busy timeout off for
 * that moment, so a locked or closed file fails at once instead of blocking the (synchronous) driver.
 */
export async function databaseAnswers(database: AppDatabase): Promise<boolean> {
  if (database.dialect !== Dialect.Sqlite) {
    const result = await sql<{ ok: number }>`select 1 as ok`.execute(database.db);
    return Number(result.rows[0]?.ok) === 1;
  }
  // connection() holds Kysely's single SQLite connection, so no other query runs with busy_timeout 0.
  return database.db.connection().execute(async (conn) => {
    const before = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(conn);
    const timeout = Number(before.rows[0]?.timeout ?? 5000);
    await sql`PRAGMA busy_timeout = 0`.execute(conn);
    try {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      await sql`ROLLBACK`.execute(conn);
      return true;
    } finally {
      await sql.raw(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(timeout))}`).execute(conn);
    }
  });
}

/**
 * Folds SQLite's write-ahead log into the main file before close, so a stopped bot leaves one
 * self-contained file (backups, copies). A no-op on PostgreSQL.
 */
export async function checkpointDatabase(database: AppDatabase): Promise<void> {
  if (database.dialect !== Dialect.Sqlite) return;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
}

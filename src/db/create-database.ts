import { join } from 'node:path';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { BotError, ErrorCode } from '../core/errors.js';
import { Dialect } from './dialect.js';
import { answerFeedback } from './migrations/001-answer-feedback.js';
import { tickets } from './migrations/002-tickets.js';
import { ticketOutbox } from './migrations/003-ticket-outbox.js';
import { audit } from './migrations/004-audit.js';
import { cluster } from './migrations/005-cluster.js';
import { inbox } from './migrations/006-inbox.js';
import { ticketQueue } from './migrations/007-ticket-queue.js';
import { questionLog } from './migrations/008-question-log.js';
import { incidentLog } from './migrations/009-incident-log.js';
import { openPrivateSqlite } from './private-files.js';
import type { DatabaseSchema } from './schema.js';

export interface AppDatabase {
  db: Kysely<DatabaseSchema>;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Versioned migrations, in order; never edit one that has shipped, add the next instead. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001-answer-feedback': answerFeedback(dialect),
    '002-tickets': tickets(dialect),
    '003-ticket-outbox': ticketOutbox(dialect),
    '004-audit': audit(dialect),
    '005-cluster': cluster(),
    '006-inbox': inbox(),
    '007-ticket-queue': ticketQueue(),
    '008-question-log': questionLog(dialect),
    '009-incident-log': incidentLog(dialect),
  };
}

/**
 * PostgreSQL when `databaseUrl` is set, else SQLite at `${dataDir}/pacs-desk.sqlite` (WAL, synchronous
 * FULL so a committed row survives a power cut). Runs pending migrations before returning.
 */
export async function createDatabase(options: {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL only: told when the server drops an idle connection (restart, failover); the pool reconnects. */
  onConnectionLost?: (error: Error) => void;
}): Promise<AppDatabase> {
  let dialect: Dialect;
  let db: Kysely<DatabaseSchema>;
  if (options.databaseUrl) {
    dialect = Dialect.Postgres;
    const { default: pg } = await import('pg'); // only when configured: keeps SQLite starts fast
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // pg emits 'error' on the pool when the server ends an idle client; with no listener that is an uncaught
    // exception that ends the process. The pool drops the client and opens a new one on the next query.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = Dialect.Sqlite;
    const sqlite = openPrivateSqlite(join(options.dataDir, 'pacs-desk.sqlite')); // 0600, data dir 0700
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new BotError(ErrorCode.StoreFailed, 'database migration failed', { cause: error });
  }
  return { db, dialect, close: () => db.destroy() };
}

import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AuditOutcome } from '../audit/audit-events.js';
import { createAuditLog } from '../audit/audit-log.js';
import { createDatabase } from '../db/create-database.js';
import { makePrivate } from '../db/private-files.js';
import { loadCliConfig } from './cli-config.js';
import type { CliIo } from './io.js';
import { UsageError } from './io.js';

export interface BackupArgs {
  out?: string;
  json: boolean;
}

export interface BackupResult {
  file: string;
  bytes: number;
  integrity: string;
  tickets: number;
  auditRecords: number;
}

/** Printed instead of a backup when the bot's database is PostgreSQL: `pg_dump` does it properly there. */
export const pgDumpGuidance = `pacs-desk backup: DATABASE_URL is set, so the data is in PostgreSQL and no file was written.
Back it up with PostgreSQL's own tool, as the database owner, into a file only you can read:

  umask 077 && pg_dump --format=custom --file=pacs-desk-$(date -u +%Y%m%d-%H%M).dump "$DATABASE_URL"

pg_dump takes a consistent snapshot while the bot keeps writing. Restore drill (into an empty database):

  pg_restore --no-owner --dbname "$RESTORE_URL" pacs-desk-YYYYMMDD-HHMM.dump
  DATABASE_URL="$RESTORE_URL" pacs-desk audit verify && DATABASE_URL="$RESTORE_URL" pacs-desk tickets list

Encrypt the dump (e.g. age or gpg) or keep it on an encrypted volume: it holds tickets and the audit trail.
`;

/**
 * `pacs-desk backup --out FILE`: a consistent copy of the SQLite database while the bot runs, through SQLite's
 * online backup API (never a raw copy of a live WAL database). The copy is written 0600 inside a private
 * temporary folder, switched to a single self-contained file (journal_mode DELETE), checked with
 * `integrity_check`, then moved to FILE. The backup is itself audited (Export, 110106) before it starts.
 */
export async function runBackup(io: CliIo, args: BackupArgs): Promise<number> {
  if (!args.out) throw new UsageError('backup needs --out FILE (a new file, e.g. pacs-desk-2026-01-31.sqlite)');
  const config = loadCliConfig(io);
  if (config.databaseUrl) {
    io.stdout(pgDumpGuidance);
    return 1;
  }
  const out = resolve(io.cwd, args.out);
  if (existsSync(out)) throw new UsageError(`${out} already exists: give a new file name`);
  if (!existsSync(dirname(out))) throw new UsageError(`the folder ${dirname(out)} does not exist`);
  const source = join(config.dataDir, 'pacs-desk.sqlite');
  if (!existsSync(source)) {
    io.stderr(`pacs-desk: no database at ${source} (is DATA_DIR right?)\n`);
    return 1;
  }
  await auditExport(config.dataDir, basename(out));
  const result = await backupSqlite(source, out);
  io.stdout(
    args.json
      ? `${JSON.stringify(result)}\n`
      : `Backup written to ${result.file} (${result.bytes} bytes, mode 0600)\n` +
          `  integrity_check: ${result.integrity}\n  tickets: ${result.tickets}\n  audit records: ${result.auditRecords}\n`,
  );
  return result.integrity === 'ok' ? 0 : 1;
}

/** Copies `source` to `out` with the online backup API and checks the copy. Exported for tests. */
export async function backupSqlite(source: string, out: string): Promise<BackupResult> {
  const work = mkdtempSync(join(dirname(out), '.pacs-desk-backup-')); // 0700: the copy is never readable by others
  const partial = join(work, 'backup.sqlite');
  try {
    const db = new Database(source, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // One step for all remaining pages: the copy is one read snapshot, and in WAL mode the bot's writes go on
      // meanwhile (small steps would restart on every write made by another connection).
      await db.backup(partial, { progress: () => 0x7fffffff });
    } finally {
      db.close();
    }
    makePrivate(partial);
    const copy = new Database(partial, { fileMustExist: true });
    let checked: Omit<BackupResult, 'file' | 'bytes'>;
    try {
      copy.pragma('journal_mode = DELETE'); // a single file: no -wal or -shm to carry along
      checked = {
        integrity: String(copy.pragma('integrity_check', { simple: true })),
        tickets: count(copy, 'tickets'),
        auditRecords: count(copy, 'audit_log'),
      };
    } finally {
      copy.close();
    }
    renameSync(partial, out);
    return { file: out, bytes: statSync(out).size, ...checked };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function count(db: Database.Database, table: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  return exists ? (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
}

/** Records who took the copy before it is taken, so the backup contains its own record. */
async function auditExport(dataDir: string, file: string): Promise<void> {
  const database = await createDatabase({ dataDir });
  try {
    let user: string;
    try {
      user = userInfo().username;
    } catch {
      user = `uid-${process.getuid?.() ?? 'unknown'}`;
    }
    await createAuditLog(database).append({
      event: 'Export',
      outcome: AuditOutcome.Success,
      actor: { userId: `cli:${user}` },
      source: 'cli',
      command: 'backup',
      query: { file },
      description: 'database backup taken',
    });
  } finally {
    await database.close();
  }
}

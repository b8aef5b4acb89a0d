import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Owner-only modes for everything that can hold PHI, tokens or the audit trail: data at rest is readable by the bot's user alone. */
export const PrivateMode = { File: 0o600, Dir: 0o700 } as const;

/** Creates `dir` (and parents) owner-only; tightens it when it already exists and is ours. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PrivateMode.Dir });
  tighten(dir, PrivateMode.Dir);
}

/** chmod to `mode` when the path exists and belongs to this user (a shared parent is left alone). */
function tighten(path: string, mode: number): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return;
  if ((stat.mode & 0o777) !== mode) chmodSync(path, mode);
}

/**
 * Opens a SQLite file that only its owner can read. The file is created 0600 before SQLite opens it:
 * SQLite gives the `-wal`, `-shm` and `-journal` files it creates later the main file's permissions,
 * so they are private too; sidecars left by an older version are tightened here.
 */
export function openPrivateSqlite(path: string, options?: Database.Options): Database.Database {
  ensurePrivateDir(dirname(path));
  closeSync(openSync(path, 'a', PrivateMode.File));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) tighten(file, PrivateMode.File);
  return new Database(path, options);
}

/** Makes an existing file owner-only (e.g. a backup copy). */
export function makePrivate(path: string): void {
  tighten(path, PrivateMode.File);
}

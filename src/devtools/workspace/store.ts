import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { openPrivateSqlite } from '../../db/private-files.js';
import { formatTs, parseTs } from './ids.js';
import type { StoredMessage } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, ts TEXT NOT NULL, thread_ts TEXT,
  deleted INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL, UNIQUE (channel, ts));
CREATE INDEX IF NOT EXISTS messages_thread ON messages (channel, thread_ts);
CREATE TABLE IF NOT EXISTS views (
  id TEXT PRIMARY KEY, user TEXT NOT NULL, kind TEXT NOT NULL, open INTEGER NOT NULL, stack_index INTEGER NOT NULL,
  external_id TEXT, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS triggers (id TEXT PRIMARY KEY, user TEXT NOT NULL, issued_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS response_urls (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, event_id TEXT,
  retry_num INTEGER NOT NULL, status INTEGER NOT NULL, outcome TEXT NOT NULL, duration_ms INTEGER NOT NULL,
  at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS assistant_threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (channel, thread_ts));
`;

export type Db = Database.Database;

/** Opens (and creates) `${dataDir}/workspace.sqlite` in WAL mode and records the first start. */
export function openDb(dataDir: string, nowMs: number): Db {
  const db = openPrivateSqlite(join(dataDir, 'workspace.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('seeded_at', String(nowMs));
  return db;
}

/** Message storage: one JSON row per message; reply_count is derived on read. */
export class MessageStore {
  private lastMicros: number;
  private readonly db: Db;
  private readonly now: Clock;

  constructor(db: Db, now: Clock) {
    this.db = db;
    this.now = now;
    const row = db.prepare("SELECT value FROM meta WHERE key = 'last_ts'").get() as { value: string } | undefined;
    this.lastMicros = row ? parseTs(row.value) : 0;
  }

  /** A new unique, increasing message ts. */
  nextTs(): string {
    this.lastMicros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    const ts = formatTs(this.lastMicros);
    this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_ts', ?)").run(ts);
    return ts;
  }

  insert(m: StoredMessage): StoredMessage {
    this.db
      .prepare('INSERT INTO messages (channel, ts, thread_ts, data) VALUES (?, ?, ?, ?)')
      .run(m.channel, m.ts, m.thread_ts ?? null, JSON.stringify(m));
    return this.get(m.channel, m.ts) ?? m;
  }

  save(m: StoredMessage): void {
    this.db
      .prepare('UPDATE messages SET data = ?, thread_ts = ? WHERE channel = ? AND ts = ?')
      .run(JSON.stringify(m), m.thread_ts ?? null, m.channel, m.ts);
  }

  delete(channel: string, ts: string): void {
    this.db.prepare('UPDATE messages SET deleted = 1 WHERE channel = ? AND ts = ?').run(channel, ts);
  }

  get(channel: string, ts: string): StoredMessage | undefined {
    const row = this.db
      .prepare('SELECT data FROM messages WHERE channel = ? AND ts = ? AND deleted = 0')
      .get(channel, ts) as { data: string } | undefined;
    return row ? this.hydrate(row.data) : undefined;
  }

  /** Top-level messages of a channel (oldest first), or a whole thread (parent first) when threadTs is given. */
  list(channel: string, threadTs?: string): StoredMessage[] {
    const rows = threadTs
      ? this.db
          .prepare(
            'SELECT data FROM messages WHERE channel = ? AND deleted = 0 AND (ts = ? OR thread_ts = ?) ORDER BY seq',
          )
          .all(channel, threadTs, threadTs)
      : this.db
          .prepare(
            'SELECT data FROM messages WHERE channel = ? AND deleted = 0 AND (thread_ts IS NULL OR thread_ts = ts) ORDER BY seq',
          )
          .all(channel);
    return (rows as { data: string }[]).map((r) => this.hydrate(r.data));
  }

  /** Every stored message, oldest first (used by waiters for "already stored" matches). */
  all(): StoredMessage[] {
    const rows = this.db.prepare('SELECT data FROM messages WHERE deleted = 0 ORDER BY seq').all();
    return (rows as { data: string }[]).map((r) => this.hydrate(r.data));
  }

  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.list(channel, threadTs).filter((m) => m.ts !== threadTs);
  }

  private hydrate(data: string): StoredMessage {
    const m = JSON.parse(data) as StoredMessage;
    if (m.thread_ts === m.ts) {
      const count = this.db
        .prepare(
          "SELECT COUNT(*) AS n FROM messages WHERE channel = ? AND thread_ts = ? AND ts != ? AND deleted = 0 AND json_extract(data, '$.ephemeral_for') IS NULL",
        )
        .get(m.channel, m.ts, m.ts) as { n: number };
      m.reply_count = count.n;
    } else if (!m.thread_ts) {
      m.reply_count = 0;
    }
    return m;
  }
}

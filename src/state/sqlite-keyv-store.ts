import Database from 'better-sqlite3';
import { openPrivateSqlite } from '../db/private-files.js';

/**
 * A keyv storage adapter over better-sqlite3 (the official @keyv/sqlite pulls in the `sqlite3` package,
 * whose install downloads a binary). Keyv stores serialised strings; `expires` lets us prune old rows.
 */
export class SqliteKeyvStore {
  readonly namespace?: string;
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = path === ':memory:' ? new Database(path) : openPrivateSqlite(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER)');
  }

  async get(key: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT value, expires FROM kv WHERE key = ?').get(key) as
      | { value: string; expires: number | null }
      | undefined;
    if (!row) return undefined;
    if (row.expires !== null && row.expires <= Date.now()) {
      this.db.prepare('DELETE FROM kv WHERE key = ?').run(key);
      return undefined;
    }
    return row.value;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    const expires = ttl ? Date.now() + ttl : null;
    this.db.prepare('INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)').run(key, value, expires);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM kv WHERE key = ?').run(key).changes > 0;
  }

  async clear(): Promise<void> {
    this.db.prepare('DELETE FROM kv').run();
  }

  /** Removes expired rows; called on start so the file does not grow without bound. */
  prune(): number {
    return this.db.prepare('DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?').run(Date.now()).changes;
  }

  async disconnect(): Promise<void> {
    this.db.close();
  }
}

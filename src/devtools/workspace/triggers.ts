import type { Clock } from '../../core/clock.js';
import { ApiError } from './errors.js';
import { randomHex } from './ids.js';
import type { Db } from './store.js';

/** trigger_ids: issued with each interaction, valid once, for `ttlMs` (Slack: 3 s). */
export class Triggers {
  private readonly db: Db;
  private readonly now: Clock;
  private readonly ttlMs: number;

  constructor(db: Db, now: Clock, ttlMs: number) {
    this.db = db;
    this.now = now;
    this.ttlMs = ttlMs;
  }

  issue(user: string): string {
    const t = this.now();
    const id = `${Math.floor(t / 1000)}.${Math.floor(Math.random() * 1e12)}.${randomHex(16)}`;
    this.db.prepare('INSERT INTO triggers (id, user, issued_at) VALUES (?, ?, ?)').run(id, user, t);
    return id;
  }

  /** Exchanges a trigger_id for its user, or throws Slack's error. */
  consume(id: string | undefined): string {
    if (!id) throw new ApiError('invalid_trigger_id');
    const row = this.db.prepare('SELECT user, issued_at, used FROM triggers WHERE id = ?').get(id) as
      | { user: string; issued_at: number; used: number }
      | undefined;
    if (!row) throw new ApiError('invalid_trigger_id');
    if (row.used) throw new ApiError('exchanged_trigger_id');
    if (this.now() - row.issued_at > this.ttlMs) throw new ApiError('expired_trigger_id');
    this.db.prepare('UPDATE triggers SET used = 1 WHERE id = ?').run(id);
    return row.user;
  }
}

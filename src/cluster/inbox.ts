import { type Clock, systemClock } from '../core/clock.js';
import { positive } from './claims.js';

export const Admission = { Admitted: 'admitted', Duplicate: 'duplicate' } as const;
export type Admission = (typeof Admission)[keyof typeof Admission];

export interface InboxEntry {
  key: string;
  payload: unknown;
  /** How many times the entry was taken over, this time included: 1 for the first replica that takes it over. */
  attempts: number;
}

/** A pending entry taken over by `takeOver`, as the backend stores it (payload still JSON text). */
export interface TakenRow {
  key: string;
  payload: string;
  attempts: number;
  createdAt: number;
}

/**
 * One shared store of inbox entries, each step one atomic statement. `at` is the caller's clock in ms, like
 * `ClaimsBackend`; replicas' clocks must agree to well within a lease.
 */
export interface InboxBackend {
  /** Inserts a pending entry, or replaces a done one whose `keepUntil` has passed; false when the key is there. */
  admit(entry: { key: string; owner: string; payload: string; leaseUntil: number }, at: number): Promise<boolean>;
  /** Sets the lease of `owner`'s pending entry (expired or not, as long as no one took it over). */
  heartbeat(key: string, owner: string, leaseUntil: number): Promise<boolean>;
  /** Marks `owner`'s pending entry done and drops its payload. */
  complete(key: string, owner: string, keepUntil: number): Promise<boolean>;
  /** Expires `owner`'s pending entry's lease now. */
  abandon(key: string, owner: string): Promise<void>;
  /** Marks at most `limit` expired pending entries with `attempts >= maxAttempts` done (payload dropped). */
  giveUp(
    maxAttempts: number,
    keepUntil: number,
    at: number,
    limit: number,
  ): Promise<{ key: string; attempts: number }[]>;
  /** Gives at most `limit` expired pending entries with `attempts < maxAttempts` to `owner`, attempts + 1. */
  takeOver(owner: string, leaseUntil: number, maxAttempts: number, at: number, limit: number): Promise<TakenRow[]>;
  /** Deletes done entries whose `keepUntil` has passed. */
  prune(at: number): Promise<number>;
}

export interface Inbox {
  readonly owner: string;
  /**
   * Stores `payload` (JSON-serialisable) under `key`, owned by this replica for one lease. Duplicate when the key
   * is already there (pending under anyone's lease, expired or not, or done within keepMs). Throws when the store
   * is unreachable (the caller then does not acknowledge, so the work is redelivered elsewhere).
   */
  admit(key: string, payload: unknown): Promise<Admission>;
  /** Moves this replica's lease on; false if the entry is no longer ours (taken over) or gone. */
  heartbeat(key: string): Promise<boolean>;
  /** Done: payload dropped (it may hold PHI), key kept until keepMs for dedupe. Only if still ours; returns whether it was. */
  complete(key: string): Promise<boolean>;
  /** Ends our lease now (graceful shutdown ran out of time): the next takeOver anywhere picks it up. */
  abandon(key: string): Promise<void>;
  /**
   * Pending entries whose lease expired: atomically become ours (new lease, attempts + 1) and are returned with
   * the payload, at most `limit`, oldest first. An entry that already had `maxAttempts` takeovers is marked done
   * instead (payload dropped) and reported to `onGiveUp(key, attempts)`, never returned. Two replicas calling at
   * once never get the same entry.
   */
  takeOver(limit: number): Promise<InboxEntry[]>;
  /** Deletes done entries past keepMs; returns how many. */
  prune(): Promise<number>;
}

export interface InboxOptions {
  owner: string;
  leaseMs: number;
  /** How long a done key stays for dedupe; default 15 minutes (Slack retries within minutes). */
  keepMs?: number;
  /** Takeovers before an entry is given up; default 3. */
  maxAttempts?: number;
  now?: Clock;
  /** Told about an entry given up; the key may hold ids but never PHI (the caller builds keys from Slack ids). */
  onGiveUp?: (key: string, attempts: number) => void;
}

/**
 * The durable inbox: a unit of work is admitted (stored with its payload under a lease) before it is acknowledged,
 * so that if this replica dies another one takes the expired entry over and replays it.
 *
 * @example
 * const inbox = createInbox(sqlInboxBackend(db), { owner: replicaId, leaseMs: 30_000 });
 * if ((await inbox.admit(`event:${eventId}`, body)) === Admission.Admitted) { ack(); await handle(body); }
 */
export function createInbox(backend: InboxBackend, options: InboxOptions): Inbox {
  const { owner } = options;
  const leaseMs = positive(options.leaseMs);
  const keepMs = positive(options.keepMs ?? 15 * 60_000);
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 0)
    throw new RangeError(`maxAttempts must be ≥ 0: ${maxAttempts}`);
  const now = options.now ?? systemClock;
  return {
    owner,
    async admit(key, payload) {
      // The column is varchar(255): PostgreSQL would refuse a longer key, SQLite would not; refuse it everywhere.
      if (key.length === 0 || key.length > 255)
        throw new RangeError(`inbox key must be 1-255 characters: ${key.length}`);
      const at = now();
      const entry = { key, owner, payload: serialise(payload), leaseUntil: at + leaseMs };
      return (await backend.admit(entry, at)) ? Admission.Admitted : Admission.Duplicate;
    },
    heartbeat: async (key) => backend.heartbeat(key, owner, now() + leaseMs),
    complete: async (key) => backend.complete(key, owner, now() + keepMs),
    abandon: (key) => backend.abandon(key, owner),
    async takeOver(limit) {
      if (!Number.isInteger(limit) || limit <= 0) return [];
      const at = now();
      for (const given of await backend.giveUp(maxAttempts, at + keepMs, at, limit))
        options.onGiveUp?.(given.key, given.attempts);
      const rows = await backend.takeOver(owner, at + leaseMs, maxAttempts, at, limit);
      return rows
        .sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1))
        .map(({ key, payload, attempts }) => ({ key, payload: JSON.parse(payload) as unknown, attempts }));
    },
    prune: async () => backend.prune(now()),
  };
}

function serialise(payload: unknown): string {
  const text = JSON.stringify(payload);
  // undefined, a function or a symbol have no JSON form: refuse here rather than store something unreplayable.
  if (text === undefined) throw new TypeError('inbox payload must be JSON-serialisable');
  return text;
}

import { type Clock, systemClock } from '../core/clock.js';
import { positive } from './claims.js';

/**
 * One shared store of named leases, each step atomic in that store. The token of a lease never goes down: it
 * grows every time the lease passes to another holder (or to the same holder after it lapsed), and release keeps
 * it. `at` is the caller's clock in ms (Redis ignores it: the server's TTL counts).
 */
export interface LeaseBackend {
  /** The lease's token if it was free, expired or already `holder`'s (then the expiry moves on); else undefined. */
  acquire(name: string, holder: string, ttlMs: number, at: number): Promise<number | undefined>;
  /** Moves the expiry on if `holder` still holds the lease under `token` and it has not expired. */
  renew(name: string, holder: string, token: number, ttlMs: number, at: number): Promise<boolean>;
  /** Frees the lease at once if `holder` holds it under `token`; otherwise does nothing. */
  release(name: string, holder: string, token: number): Promise<void>;
}

export interface LeaderLease {
  /** Becomes (or stays) the leader: the fencing token, or undefined while another holder's lease is live. */
  tryAcquire(): Promise<{ token: number } | undefined>;
  /** Extends leadership by one TTL; false means leadership is lost: stop the leader's work now. */
  renew(token: number): Promise<boolean>;
  /** Hands leadership over without waiting for the TTL (graceful shutdown). */
  release(token: number): Promise<void>;
}

/**
 * A leader lease named `name` that one of the replicas holds at a time, for `ttlMs` after each acquire or renew.
 * Renew well within the TTL (every `ttlMs / 3`). Work done for the leader can carry the fencing token, so a store
 * can refuse a write from an old leader that has not noticed yet that it lost the lease.
 *
 * @example
 * const lease = createLeaderLease(postgresBackend(db), { name: 'reminders', ttlMs: 15_000, holderId: replicaId });
 */
export function createLeaderLease(
  backend: { leases: LeaseBackend },
  options: { name: string; ttlMs: number; holderId: string; now?: Clock },
): LeaderLease {
  const { name, holderId } = options;
  const ttlMs = positive(options.ttlMs);
  const now = options.now ?? systemClock;
  return {
    async tryAcquire() {
      const token = await backend.leases.acquire(name, holderId, ttlMs, now());
      return token === undefined ? undefined : { token };
    },
    renew: (token) => backend.leases.renew(name, holderId, token, ttlMs, now()),
    release: (token) => backend.leases.release(name, holderId, token),
  };
}

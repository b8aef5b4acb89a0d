import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../core/clock.js';

/**
 * One shared store of claims, each step atomic in that store. `owner` tells one `createClaims` instance (one
 * replica) from another, so only the winner can release or extend its claim; `at` is the caller's clock in ms
 * (Redis ignores it: the server's TTL counts).
 */
export interface ClaimsBackend {
  claim(key: string, owner: string, ttlMs: number, at: number): Promise<boolean>;
  release(key: string, owner: string): Promise<void>;
  extend(key: string, owner: string, ttlMs: number, at: number): Promise<boolean>;
  /** Deletes claims expired at `at`; returns how many (Redis expires keys itself: 0). */
  prune(at: number): Promise<number>;
}

export interface Claims {
  /** True for exactly one caller across every replica sharing the store, until `ttlMs` has passed. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives up this instance's claim (work failed, let another try); a claim someone else holds is left alone. */
  release(key: string): Promise<void>;
  /** Pushes the expiry of this instance's live claim to `ttlMs` from now; false if it expired or is not ours. */
  extend(key: string, ttlMs: number): Promise<boolean>;
  /** Housekeeping: deletes expired claims from a store that keeps them (SQL, memory); returns how many. */
  prune(): Promise<number>;
}

/**
 * Claims over a shared backend (see `src/cluster/backends/`): claim a unit of work before any side effect, so that
 * two replicas never both do it. An expired claim can be taken over, so a replica that died frees its work.
 *
 * @example
 * const claims = createClaims(redisBackend(client));
 * if (await claims.claim(`event:${eventId}`, 15 * 60_000)) await handle(event);
 */
export function createClaims(
  backend: { claims: ClaimsBackend },
  options: { owner?: string; now?: Clock } = {},
): Claims {
  const owner = options.owner ?? randomUUID();
  const now = options.now ?? systemClock;
  return {
    claim: async (key, ttlMs) => backend.claims.claim(key, owner, positive(ttlMs), now()),
    release: (key) => backend.claims.release(key, owner),
    extend: async (key, ttlMs) => backend.claims.extend(key, owner, positive(ttlMs), now()),
    prune: () => backend.claims.prune(now()),
  };
}

/** A TTL must be a whole, positive number of milliseconds: Redis rejects anything else, so every backend does. */
export function positive(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`TTL must be a positive integer (ms), not ${ttlMs}`);
  return ttlMs;
}

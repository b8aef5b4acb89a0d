import type { Claims } from './claims.js';

/** Slack retries an event up to three times within about five minutes; remember keys for longer. */
const defaultTtlMs = 15 * 60 * 1000;

/** "Do this once" across every replica: a double click, a second 🎫, a resubmitted modal. */
export interface OnceClaims {
  /** True the first time `key` is claimed anywhere within `ttlMs` (default 15 minutes), false afterwards. */
  claim(key: string, ttlMs?: number): Promise<boolean>;
  /** Forgets this replica's claim when its work failed, so the next try is done. */
  release(key: string): Promise<void>;
}

/**
 * Once-only keys over the shared claims (one atomic insert in PostgreSQL or SQLite), so two replicas that get
 * the two clicks of a double click act once between them.
 */
export function createOnceClaims(claims: Claims): OnceClaims {
  return {
    claim: (key, ttlMs = defaultTtlMs) => claims.claim(`once:${key}`, ttlMs),
    release: (key) => claims.release(`once:${key}`),
  };
}

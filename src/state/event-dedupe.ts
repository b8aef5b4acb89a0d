import type { StateStore } from './create-state-store.js';

/** Slack retries an event up to three times within about five minutes; remember ids for longer. */
const dedupeTtlMs = 15 * 60 * 1000;

/**
 * `claim(id)` is true the first time an id is seen (within `ttlMs`) and false afterwards. The in-process set closes
 * the race between two arrivals at once; the store carries the memory across restarts (and instances sharing Redis).
 * Keys are `${prefix}:${id}`.
 */
export function createOnceClaims(store: StateStore, prefix: string, ttlMs: number) {
  const inFlight = new Set<string>();
  return {
    async claim(id: string): Promise<boolean> {
      const key = `${prefix}:${id}`;
      if (inFlight.has(key)) return false;
      inFlight.add(key);
      try {
        if (await store.get(key)) return false;
        await store.set(key, 1, ttlMs);
        return true;
      } finally {
        inFlight.delete(key);
      }
    },
    /** Forgets a claim whose work failed, so a retry is processed. */
    async release(id: string): Promise<void> {
      await store.delete(`${prefix}:${id}`);
    },
  };
}

/** Slack event ids, claimed once per delivery and its retries. */
export function createEventDedupe(store: StateStore) {
  return createOnceClaims(store, 'event', dedupeTtlMs);
}

import type { StateStore } from './create-state-store.js';

/** Slack retries an event up to three times within about five minutes; remember ids for longer. */
const dedupeTtlMs = 15 * 60 * 1000;

/**
 * `claim(id)` is true the first time an id is seen and false afterwards. The in-process set closes the
 * race between concurrent deliveries of the same event; the store carries the memory across restarts.
 */
export function createEventDedupe(store: StateStore) {
  const inFlight = new Set<string>();
  return {
    async claim(eventId: string): Promise<boolean> {
      const key = `event:${eventId}`;
      if (inFlight.has(key)) return false;
      inFlight.add(key);
      try {
        if (await store.get(key)) return false;
        await store.set(key, 1, dedupeTtlMs);
        return true;
      } finally {
        inFlight.delete(key);
      }
    },
    /** Forgets a claim whose work failed, so a retry is processed. */
    async release(eventId: string): Promise<void> {
      await store.delete(`event:${eventId}`);
    },
  };
}

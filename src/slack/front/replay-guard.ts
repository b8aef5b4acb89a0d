/**
 * Remembers the signatures of verified commands and interactions for the replay window, so an identical
 * copy (same timestamp, same bytes) is acknowledged without running twice. Events are not tracked here:
 * Slack's retries of an event are deduplicated by `event_id` further in. In memory: per process.
 */
export interface ReplayGuard {
  /** True when this signature was already seen within the window; records it otherwise. */
  seen(signature: string, nowMs: number): boolean;
}

export function createReplayGuard(windowMs: number, maxEntries = 100_000): ReplayGuard {
  const expiries = new Map<string, number>();
  return {
    seen(signature, nowMs) {
      const expiry = expiries.get(signature);
      if (expiry !== undefined && expiry > nowMs) return true;
      // Map keeps insertion order, so the oldest entries are at the front.
      for (const [key, at] of expiries) {
        if (at > nowMs && expiries.size < maxEntries) break;
        expiries.delete(key);
      }
      expiries.set(signature, nowMs + windowMs);
      return false;
    },
  };
}

import { type Clock, systemClock } from '../core/clock.js';

/**
 * A per-user hourly budget of LLM-written answers (OWASP LLM10, unbounded consumption). Over it, the answer
 * is quoted from the knowledge base instead. In memory: a restart forgives, and each instance counts alone.
 */
export function createQuestionQuota(perHour: number, now: Clock = systemClock, windowMs = 60 * 60 * 1000) {
  const asked = new Map<string, number[]>();
  return {
    /** Counts one question for `userId`; false when the user has used the window's budget (0: unlimited). */
    take(userId: string): boolean {
      if (perHour <= 0) return true;
      const since = now() - windowMs;
      const recent = (asked.get(userId) ?? []).filter((t) => t > since);
      if (recent.length >= perHour) {
        asked.set(userId, recent);
        return false;
      }
      recent.push(now());
      asked.set(userId, recent);
      // Forget idle users so the map cannot grow without bound.
      if (asked.size > 10_000) for (const [user, times] of asked) if (!times.some((t) => t > since)) asked.delete(user);
      return true;
    },
  };
}

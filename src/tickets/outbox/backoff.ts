/** Retry timing of the helpdesk outbox. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0 ≤ r < 1; `Math.random` outside tests. */
  random: () => number;
}

/**
 * The wait after the `attempts`-th failed attempt: `base · 2^(attempts−1)`, capped at `maxDelayMs`, then
 * jittered down by up to 25% so a backlog does not retry in lockstep. A `Retry-After` from the helpdesk
 * is a floor: we never call back sooner than it asked, even past the cap.
 *
 * @example retryDelayMs(3, { baseDelayMs: 2000, maxDelayMs: 900_000, random: () => 0 }) // 8000
 */
export function retryDelayMs(attempts: number, options: BackoffOptions, retryAfterSeconds?: number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exponential * (1 - 0.25 * options.random()));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/**
 * The shortest time a row keeps being retried before it is dead-lettered (every jitter at its maximum):
 * the sum of the waits between `maxAttempts` attempts. With the defaults (16, 2 s, 15 min) ≈ 80 min.
 *
 * @example minRetryWindowMs(16, { baseDelayMs: 2000, maxDelayMs: 900_000 }) // 4_816_500
 */
export function minRetryWindowMs(maxAttempts: number, options: Omit<BackoffOptions, 'random'>): number {
  let total = 0;
  for (let attempt = 1; attempt < maxAttempts; attempt++)
    total += retryDelayMs(attempt, { ...options, random: () => 1 });
  return total;
}

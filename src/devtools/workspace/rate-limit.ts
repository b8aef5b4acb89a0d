import type { Clock } from '../../core/clock.js';
/** Token buckets per key (chat.postMessage per channel: ~1/s with short bursts, as Slack's special tier). */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  private readonly perSecond: number;
  private readonly burst: number;
  private readonly now: Clock;

  constructor(perSecond: number, burst: number, now: Clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
  }

  /** Takes a token; returns 0 when allowed, else the whole seconds to wait (for `Retry-After`). */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}

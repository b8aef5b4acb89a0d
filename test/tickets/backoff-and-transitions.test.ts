import { describe, expect, it } from 'vitest';
import { minRetryWindowMs, retryDelayMs } from '../../src/tickets/outbox/backoff.js';
import { canTransition, statusTransitions } from '../../src/tickets/transitions.js';
import { TicketStatus } from '../../src/tickets/types.js';

describe('outbox backoff', () => {
  const options = { baseDelayMs: 2000, maxDelayMs: 15 * 60_000 };

  it('doubles from the base, caps at the maximum and jitters down by at most a quarter', () => {
    expect([1, 2, 3, 10, 11, 30].map((n) => retryDelayMs(n, { ...options, random: () => 0 }))).toEqual([
      2000, 4000, 8000, 900_000, 900_000, 900_000,
    ]);
    expect(retryDelayMs(3, { ...options, random: () => 0.999_999 })).toBe(6000);
  });

  it('never retries sooner than Retry-After asks', () => {
    expect(retryDelayMs(1, { ...options, random: () => 0 }, 30)).toBe(30_000);
    expect(retryDelayMs(12, { ...options, random: () => 0 }, 3600)).toBe(3_600_000);
  });

  it('keeps retrying for over an hour with the default 16 attempts (12 would give up after ~35 to 47 minutes)', () => {
    expect(minRetryWindowMs(16, options)).toBeGreaterThan(60 * 60_000);
    expect(minRetryWindowMs(12, options)).toBeLessThan(60 * 60_000);
  });
});

describe('ticket status transitions', () => {
  it('lists every status, keeps closed final and lets resolved reopen', () => {
    expect(Object.keys(statusTransitions).sort()).toEqual(Object.values(TicketStatus).sort());
    expect(statusTransitions.closed).toEqual([]);
    expect(canTransition('resolved', 'in_progress')).toBe(true);
    expect(canTransition('resolved', 'new')).toBe(false);
    expect(canTransition('new', 'closed')).toBe(true);
    for (const s of Object.values(TicketStatus)) expect(canTransition(s, s)).toBe(false);
  });
});

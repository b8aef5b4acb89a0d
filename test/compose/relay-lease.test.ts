import { describe, expect, it } from 'vitest';
import { relayLeaseMs } from '../../src/compose/helpdesk-sync.js';

describe('the relay lease on an outbox row', () => {
  it('outlasts the two helpdesk calls of one attempt at any HTTP_TIMEOUT_MS, and is never under 30 s', () => {
    for (const timeout of [500, 5000, 10_000, 60_000, 300_000]) {
      expect(relayLeaseMs(timeout)).toBeGreaterThan(2 * timeout);
      expect(relayLeaseMs(timeout)).toBeGreaterThanOrEqual(30_000);
    }
    // The default HTTP_TIMEOUT_MS (10 s): a dead leader's row moves on after 30 s, not the 5 minutes it used to.
    expect(relayLeaseMs(10_000)).toBe(30_000);
  });
});

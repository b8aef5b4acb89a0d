import { type Clock, systemClock } from '../../core/clock.js';
import { PacsError, PacsErrorCode } from './pacs-error.js';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 3). */
  threshold?: number;
  /** How long it stays open before one probe is let through (default 30 s). */
  coolDownMs?: number;
  /** Times the cool-down (default: the system clock). */
  now?: Clock;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** One endpoint's breaker: closed → (K failures) open → (cool-down) half-open → one probe decides. */
export interface CircuitBreaker {
  /** Throws `pacs_circuit_open` at once while open (or while the half-open probe is in flight). */
  enter(label: string): void;
  success(): void;
  failure(): void;
  state(): CircuitState;
}

/**
 * @example
 * const breaker = createCircuitBreaker({ threshold: 3, coolDownMs: 30_000, now: clock });
 * breaker.enter('main GET /system'); // throws PacsError(pacs_circuit_open) while open
 */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.threshold ?? 3;
  const coolDownMs = options.coolDownMs ?? 30_000;
  const now = options.now ?? systemClock;
  let failures = 0;
  let openedAt: number | undefined;
  let probing = false;

  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= coolDownMs ? 'half-open' : 'open';
  };
  return {
    state,
    enter(label) {
      const current = state();
      if (current === 'closed') return;
      if (current === 'half-open' && !probing) {
        probing = true;
        return;
      }
      const wait = Math.max(0, Math.ceil((coolDownMs - (now() - (openedAt ?? 0))) / 1000));
      throw new PacsError(
        PacsErrorCode.CircuitOpen,
        `${label}: circuit open after ${failures} consecutive failures; next try in ${wait} s`,
      );
    },
    success() {
      failures = 0;
      openedAt = undefined;
      probing = false;
    },
    failure() {
      failures += 1;
      if (probing || failures >= threshold) openedAt = now();
      probing = false;
    },
  };
}

/** Breakers by endpoint key (base URL), shared by every connector built with the same registry. */
export function createBreakerRegistry(options: CircuitBreakerOptions = {}): (key: string) => CircuitBreaker {
  const breakers = new Map<string, CircuitBreaker>();
  return (key) => {
    let breaker = breakers.get(key);
    if (!breaker) {
      breaker = createCircuitBreaker(options);
      breakers.set(key, breaker);
    }
    return breaker;
  };
}

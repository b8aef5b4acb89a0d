import type { Clock } from '../../core/clock.js';
import type { FetchLike } from '../../core/http.js';
import { type CircuitBreaker, createBreakerRegistry } from '../http/circuit-breaker.js';
import { createPacsHttpClient, type PacsHttpClient } from '../http/pacs-http-client.js';
import type { SiteConfig } from '../types.js';

/** What every connector factory takes besides the site. */
export interface ConnectorDeps {
  /** The process's shared fetch (timeouts, User-Agent). */
  fetch: FetchLike;
  /** Clock of the circuit breakers (tests pass a fake one). */
  now?: Clock;
  /** Extra attempts for idempotent reads (default 2; tests often pass 0). */
  retries?: number;
  retryDelayMs?: number;
  /**
   * Breakers by endpoint. Pass one registry to every connector of the process so the state survives
   * re-creating a connector; by default each connector has its own.
   */
  breakers?: (endpoint: string) => CircuitBreaker;
  /** Expose `retryTask`/`cancelTask` (PACS_ALLOW_WRITES; default false: read-only). */
  allowWrites?: boolean;
  /** Deadline of one echo, through the archive or direct (default 5000 ms). */
  echoTimeoutMs?: number;
  /** Our AE title for direct DIMSE (default `PACSDESK`). */
  callingAet?: string;
}

export const defaultEchoTimeoutMs = 5000;
export const defaultCallingAet = 'PACSDESK';

/** `deps` with a breaker registry of its own when none was passed. */
export function withBreakers(deps: ConnectorDeps): ConnectorDeps & { breakers: (endpoint: string) => CircuitBreaker } {
  return { ...deps, breakers: deps.breakers ?? createBreakerRegistry({ now: deps.now }) };
}

/** An HTTP client for one endpoint of `site`, with that endpoint's breaker. */
export function httpClientFor(
  site: SiteConfig,
  baseUrl: string,
  deps: ConnectorDeps & { breakers: (endpoint: string) => CircuitBreaker },
): PacsHttpClient {
  const breakers = deps.breakers;
  return createPacsHttpClient(baseUrl, {
    fetch: deps.fetch,
    auth: site.auth,
    label: site.id,
    breaker: breakers(baseUrl.replace(/\/+$/, '')),
    retries: deps.retries,
    retryDelayMs: deps.retryDelayMs,
  });
}

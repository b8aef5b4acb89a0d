import { type Clock, systemClock } from '../core/clock.js';
import type { FetchLike } from '../core/http.js';

/** A Slack rate limit: the Web API method it applies to (every method when absent) and how long to wait. */
export interface SlackRateLimit {
  method?: string;
  retryAfterSeconds: number;
}

export interface SlackRateGate {
  /** Wraps a fetch: requests to a held method wait until the hold has passed; a 429 holds that method. */
  wrap(fetch: FetchLike): FetchLike;
  /** Holds requests to `method` (to every method when absent) for `retryAfterSeconds` from now. */
  hold(limit: SlackRateLimit): void;
  /** Calls `listener` when a response was a 429 that holds a method longer than before; returns an unsubscribe. */
  onLimited(listener: (limit: Required<SlackRateLimit>) => void): () => void;
}

/** Slack sends whole seconds; a missing or unreadable header gets 1 s, and nothing is held over an hour. */
const defaultRetryAfterSeconds = 1;
const maxRetryAfterSeconds = 3600;

export function retryAfterSeconds(header: string | null): number {
  const seconds = header === null || header.trim() === '' ? Number.NaN : Number(header);
  if (!Number.isFinite(seconds) || seconds < 0) return defaultRetryAfterSeconds;
  return Math.min(Math.ceil(seconds), maxRetryAfterSeconds);
}

/** The Web API method of a request URL (`…/api/chat.postMessage` → `chat.postMessage`), if it is one. */
export function apiMethodOf(input: Parameters<FetchLike>[0]): string | undefined {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  let path: string;
  try {
    path = new URL(href).pathname;
  } catch {
    return undefined;
  }
  return /\/api\/([A-Za-z0-9_.]+)\/?$/.exec(path)?.[1];
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Holds Slack Web API calls while Slack rate-limits them, here and (through `onLimited` and `hold`) on every
 * replica. The WebClient still retries its own 429 after `Retry-After`; the gate makes the other calls to that
 * method, from every client of this process, wait too instead of earning more 429s.
 */
export function createSlackRateGate(
  options: { now?: Clock; onLimited?: (limit: Required<SlackRateLimit>) => void } = {},
): SlackRateGate {
  const now = options.now ?? systemClock;
  const listeners = new Set<(limit: Required<SlackRateLimit>) => void>();
  if (options.onLimited) listeners.add(options.onLimited);
  // Epoch ms until which a method (or, under `all`, every method) is held.
  const all = Symbol('all');
  const until = new Map<string | typeof all, number>();

  const extend = (key: string | typeof all, seconds: number): boolean => {
    const end = now() + seconds * 1000;
    if ((until.get(key) ?? 0) >= end) return false;
    until.set(key, end);
    return true;
  };

  async function waitFor(method: string | undefined, signal: AbortSignal | null | undefined): Promise<void> {
    // A hold may be extended while we wait, so look again after each wait.
    for (;;) {
      const end = Math.max(until.get(all) ?? 0, method === undefined ? 0 : (until.get(method) ?? 0));
      const left = end - now();
      if (left <= 0) return;
      await sleep(left, signal);
    }
  }

  return {
    wrap(fetch) {
      return async (input, init) => {
        const method = apiMethodOf(input);
        await waitFor(method, init?.signal);
        const response = await fetch(input, init);
        if (response.status === 429 && method !== undefined) {
          const seconds = retryAfterSeconds(response.headers.get('retry-after'));
          if (extend(method, seconds)) {
            for (const listener of [...listeners]) listener({ method, retryAfterSeconds: seconds });
          }
        }
        return response;
      };
    },
    hold({ method, retryAfterSeconds: seconds }) {
      extend(method ?? all, Math.min(Math.max(0, seconds), maxRetryAfterSeconds));
    },
    onLimited(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

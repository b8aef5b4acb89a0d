import OpenAI from 'openai';
import { type Clock, systemClock } from '../core/clock.js';

/** The pause before a retry when the server names none. */
export const DEFAULT_RETRY_PAUSE_MS = 250;

/**
 * How long to wait before retrying a failed LLM request, or undefined when it must not be retried: the error is
 * not transient (only 408, 409, 429, 5xx and lost connections are), the server said `x-should-retry: false`, or the
 * pause it asks for (`retry-after-ms`, `retry-after` in seconds or as a date) leaves less than half of `remainingMs`
 * for the retry itself. The SDK's own retries are off: they wait as long as the server says, deadline or not.
 *
 * @example retryPauseMs(new OpenAI.RateLimitError(429, undefined, 'slow down', new Headers({ 'retry-after': '1' })), 4000) // 1000
 */
export function retryPauseMs(error: unknown, remainingMs: number, now: Clock = systemClock): number | undefined {
  if (!isTransient(error)) return undefined;
  const headers = error instanceof OpenAI.APIError ? error.headers : undefined;
  const pause = serverPauseMs(headers, now) ?? DEFAULT_RETRY_PAUSE_MS;
  return pause >= 0 && pause <= remainingMs / 2 ? pause : undefined;
}

function isTransient(error: unknown): boolean {
  if (error instanceof OpenAI.APIUserAbortError) return false;
  if (error instanceof OpenAI.APIConnectionError) return true;
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return false;
  const verdict = error.headers?.get('x-should-retry');
  if (verdict === 'false') return false;
  if (verdict === 'true') return true;
  return [408, 409, 429].includes(error.status) || error.status >= 500;
}

function serverPauseMs(headers: Headers | undefined, now: Clock): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  const seconds = Number.parseFloat(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isFinite(date) ? Math.max(0, date - now()) : undefined;
}

import type { Json } from './types.js';

/** A Slack Web API failure: answered as HTTP 200 `{ok:false, error, ...extra}`. */
export class ApiError extends Error {
  readonly code: string;
  readonly extra: Json;
  constructor(code: string, extra: Json = {}) {
    super(code);
    this.code = code;
    this.extra = extra;
    this.name = 'ApiError';
  }
}

/** chat.postMessage over its rate: HTTP 429 with `Retry-After`. */
export class RateLimitedError extends Error {
  readonly retryAfterSec: number;
  constructor(retryAfterSec: number) {
    super('ratelimited');
    this.retryAfterSec = retryAfterSec;
    this.name = 'RateLimitedError';
  }
}

/** A bad call of the test API (HTTP 400 with `{ok:false, error}`). */
export class TestApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message?: string, status = 400) {
    super(message ?? code);
    this.code = code;
    this.status = status;
    this.name = 'TestApiError';
  }
}

export function str(args: Json, key: string): string | undefined {
  const v = args[key];
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : String(v);
}

export function requireStr(args: Json, key: string): string {
  const v = str(args, key);
  if (v === undefined)
    throw new ApiError('invalid_arguments', {
      response_metadata: { messages: [`[ERROR] missing required field: ${key}`] },
    });
  return v;
}

export function bool(args: Json, key: string): boolean {
  const v = args[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}

/** An object-valued argument: JSON string in form bodies, a value in JSON bodies. Invalid JSON → `invalid_json`-style error code. */
export function objArg(args: Json, key: string, errorCode = 'invalid_arguments'): unknown {
  const v = args[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    throw new ApiError(errorCode, { response_metadata: { messages: [`[ERROR] ${key} is not valid JSON`] } });
  }
}

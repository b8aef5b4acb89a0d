import type { FetchLike } from '../../core/http.js';
import type { SiteConfig } from '../types.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { isOutage, PacsError, PacsErrorCode } from './pacs-error.js';

export interface PacsHttpOptions {
  /** The process's shared fetch (it carries the per-request timeout). */
  fetch: FetchLike;
  auth?: SiteConfig['auth'];
  /** Used in error messages: the site id, never a host. */
  label: string;
  breaker?: CircuitBreaker;
  /** Extra attempts for idempotent reads on network error, 5xx or 429 (default 2). */
  retries?: number;
  /** First backoff; doubles per attempt (default 200 ms). */
  retryDelayMs?: number;
  /** Bulkhead: requests in flight at once to this endpoint; more fail fast with `pacs_busy` (default 8). */
  maxConcurrent?: number;
}

export interface PacsRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A query string built by the caller (QIDO needs repeated keys), without the leading `?`. */
  query?: string;
  /** JSON-encoded when present. */
  body?: unknown;
  /** Defaults to GET only; a POST that only reads (Orthanc `/tools/find`) may set it. */
  idempotent?: boolean;
  accept?: string;
  /** Statuses returned as answers instead of thrown (e.g. Orthanc echo answers 500 with a reason). */
  answerStatuses?: number[];
  /** A tighter or longer deadline than the shared fetch's, for this call. */
  timeoutMs?: number;
}

export interface PacsResponse {
  status: number;
  /** Parsed JSON; `undefined` for 204 or an empty body. */
  body: unknown;
}

export interface PacsHttpClient {
  readonly baseUrl: string;
  request(path: string, request?: PacsRequest): Promise<PacsResponse>;
  /** GET JSON; `undefined` for 204/empty. */
  get<T>(path: string, query?: string): Promise<T | undefined>;
  post<T>(path: string, body: unknown, request?: Omit<PacsRequest, 'body' | 'method'>): Promise<T | undefined>;
}

/**
 * JSON over the injected fetch with auth, retries for idempotent reads and a circuit breaker.
 * @example
 * const http = createPacsHttpClient('http://127.0.0.1:8042', { fetch, auth: { user, password }, label: 'main' });
 * const system = await http.get<{ Version: string }>('/system');
 */
export function createPacsHttpClient(baseUrl: string, options: PacsHttpOptions): PacsHttpClient {
  const base = baseUrl.replace(/\/+$/, '');
  const breaker = options.breaker ?? createCircuitBreaker();
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const authHeader = authorization(options.auth);
  const maxConcurrent = options.maxConcurrent ?? 8;
  let inFlight = 0;

  async function attempt(path: string, r: PacsRequest, label: string): Promise<PacsResponse> {
    const headers: Record<string, string> = { accept: r.accept ?? 'application/json' };
    if (authHeader) headers.authorization = authHeader;
    if (r.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(`${base}${path}${r.query ? `?${r.query}` : ''}`, {
        method: r.method ?? 'GET',
        headers,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
        signal: r.timeoutMs ? AbortSignal.timeout(r.timeoutMs) : undefined,
      });
      text = await response.text();
    } catch (error) {
      throw networkError(error, label);
    }
    const { status } = response;
    if (status === 401 || status === 403) {
      throw new PacsError(
        PacsErrorCode.AuthFailed,
        `${label}: HTTP ${status}, the PACS refused the configured credentials (check the site's user/password or token)`,
        { status },
      );
    }
    if (!response.ok && !r.answerStatuses?.includes(status)) {
      const code =
        status === 404
          ? PacsErrorCode.NotFound
          : status < 500 && status !== 429
            ? PacsErrorCode.Rejected
            : PacsErrorCode.BadResponse;
      throw new PacsError(code, `${label}: HTTP ${status}`, { status });
    }
    if (status === 204 || text.trim() === '') return { status, body: undefined };
    try {
      return { status, body: JSON.parse(text) };
    } catch (error) {
      throw new PacsError(PacsErrorCode.BadResponse, `${label}: HTTP ${status} with a body that is not JSON`, {
        cause: error,
        status,
      });
    }
  }

  async function request(path: string, r: PacsRequest = {}): Promise<PacsResponse> {
    const label = `${options.label} ${r.method ?? 'GET'} ${path}`;
    // Bulkhead before the breaker, so a refused request never takes the half-open probe slot (a hung PACS must fail fast, then recover through one probe).
    if (inFlight >= maxConcurrent) {
      throw new PacsError(PacsErrorCode.Busy, `${label}: ${maxConcurrent} requests already in flight`);
    }
    inFlight += 1;
    try {
      return await guarded(path, r, label);
    } finally {
      inFlight -= 1;
    }
  }

  async function guarded(path: string, r: PacsRequest, label: string): Promise<PacsResponse> {
    breaker.enter(label);
    const idempotent = r.idempotent ?? (r.method ?? 'GET') === 'GET';
    const attempts = idempotent ? retries + 1 : 1;
    for (let i = 0; ; i++) {
      try {
        const response = await attempt(path, r, label);
        breaker.success();
        return response;
      } catch (error) {
        if (i + 1 < attempts && isOutage(error)) {
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** i));
          continue;
        }
        if (isOutage(error)) breaker.failure();
        else breaker.success();
        throw error;
      }
    }
  }

  return {
    baseUrl: base,
    request,
    async get<T>(path: string, query?: string) {
      return (await request(path, { query })).body as T | undefined;
    },
    async post<T>(path: string, body: unknown, r: Omit<PacsRequest, 'body' | 'method'> = {}) {
      return (await request(path, { ...r, method: 'POST', body })).body as T | undefined;
    },
  };
}

function authorization(auth: SiteConfig['auth']): string | undefined {
  if (!auth) return undefined;
  if ('bearerToken' in auth) return `Bearer ${auth.bearerToken}`;
  return `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
}

/** Maps fetch's rejections: AbortSignal.timeout → TimeoutError; undici wraps socket errors in `cause`. */
function networkError(error: unknown, label: string): PacsError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PacsError(PacsErrorCode.Timeout, `${label}: no answer within the timeout`, { cause: error });
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const code = cause?.code ?? (error as { code?: string })?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return new PacsError(PacsErrorCode.Timeout, `${label}: no answer within the timeout`, { cause: error });
  }
  return new PacsError(PacsErrorCode.Unreachable, `${label}: network error${code ? ` (${code})` : ''}`, {
    cause: error,
  });
}

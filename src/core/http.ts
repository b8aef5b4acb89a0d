/**
 * The one outbound `fetch` of the process: every Slack, OpenAI and PACS client receives it.
 * It adds a per-request timeout and a User-Agent. Proxies and private CAs are configured once, here,
 * through Node's environment-driven proxy support (NODE_USE_ENV_PROXY / NODE_EXTRA_CA_CERTS).
 */
export type FetchLike = typeof globalThis.fetch;

export interface HttpOptions {
  timeoutMs: number;
  userAgent?: string;
  /** Underlying fetch; tests may pass their own. Defaults to the global fetch (which nock intercepts). */
  baseFetch?: FetchLike;
}

export function createFetch(options: HttpOptions): FetchLike {
  const userAgent = options.userAgent ?? 'pacs-desk';
  return async (input, init = {}) => {
    const base = options.baseFetch ?? globalThis.fetch;
    const headers = new Headers(init.headers);
    if (!headers.has('user-agent')) headers.set('user-agent', userAgent);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, headers, signal });
  };
}

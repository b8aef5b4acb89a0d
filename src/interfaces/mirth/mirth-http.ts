import type { FetchLike } from '../../core/http.js';
import { InterfaceErrorCode as Code, InterfaceError } from '../interface-error.js';

export interface MirthHttpOptions {
  /** MIRTH_URL: the server's base, e.g. `https://mirth.hospital.local:8443` (the API lives under `/api`). */
  url: string;
  user: string;
  password: string;
  /** The process's shared fetch (it carries the global timeout). */
  fetch: FetchLike;
  /** A tighter deadline per request than the shared fetch's. */
  timeoutMs?: number;
}

export interface MirthHttp {
  /** GET `/api<path>` as JSON with the session, logging in first (and once more if the session expired). */
  get(path: string, query?: Record<string, string>): Promise<unknown>;
}

// Node's codes for a certificate it does not trust; Mirth ships a self-signed one by default.
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** fetch's rejections → a cause an operator can act on. */
export function networkError(error: unknown, path: string): InterfaceError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new InterfaceError(Code.Timeout, `Mirth: no answer within the timeout (${path})`, { cause: error });
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  if (code && TLS_CODES.has(code)) {
    return new InterfaceError(
      Code.Tls,
      `Mirth: MIRTH_URL's TLS certificate is not trusted (${code}). Mirth ships a self-signed certificate: give Node ` +
        'its certificate or CA with NODE_EXTRA_CA_CERTS=/path/to/mirth-ca.pem (verification stays on), or install a ' +
        'certificate from the hospital CA in Mirth',
      { cause: error },
    );
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return new InterfaceError(Code.Timeout, `Mirth: no answer within the timeout (${path})`, { cause: error });
  }
  return new InterfaceError(Code.Unreachable, `Mirth: cannot connect to MIRTH_URL${code ? ` (${code})` : ''}`, {
    cause: error,
  });
}

const rejected = (path: string, status: number) =>
  new InterfaceError(
    Code.AuthFailed,
    status === 403
      ? `Mirth: MIRTH_USER may not read the dashboard (HTTP 403 at ${path}); give it the "view dashboard" permission`
      : `Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP ${status} at ${path})`,
    { status },
  );

export function createMirthHttp(options: MirthHttpOptions): MirthHttp {
  const api = `${options.url.replace(/\/+$/, '')}/api`;
  let session: Promise<string> | undefined;

  async function send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    // Every API call needs X-Requested-With: RequestedWithFilter answers 400 "All requests must have
    // 'X-Requested-With' header" unless mirth.properties sets server.api.require-requested-with = false (default
    // true). Accept picks JSON; the servlets produce XML first and JSON on request.
    init.headers['x-requested-with'] = 'pacs-desk';
    init.headers.accept = 'application/json';
    const signal = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
    try {
      return await options.fetch(`${api}${path}`, { ...init, signal });
    } catch (error) {
      throw networkError(error, path);
    }
  }

  // POST /api/users/_login (UserServletInterface.login, form fields username/password) → LoginStatus and a
  // JSESSIONID cookie that authenticates the calls that follow.
  async function login(): Promise<string> {
    const path = '/users/_login';
    const body = new URLSearchParams({ username: options.user, password: options.password }).toString();
    const response = await send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    await response.text().catch(() => '');
    if (response.status === 401 || response.status === 403) throw rejected(path, response.status);
    if (!response.ok) throw new InterfaceError(Code.BadResponse, `Mirth: HTTP ${response.status} at ${path}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]?.trim() ?? '')
      .filter(Boolean)
      .join('; ');
    if (!cookie) throw new InterfaceError(Code.BadResponse, `Mirth: no session cookie from ${path}`);
    return cookie;
  }

  async function getOnce(path: string, cookie: string): Promise<Response> {
    return send(path, { method: 'GET', headers: { cookie } });
  }

  function startLogin(): Promise<string> {
    const attempt = login();
    session = attempt;
    // A failed login is not kept: the next call tries again.
    attempt.catch(() => {
      if (session === attempt) session = undefined;
    });
    return attempt;
  }

  return {
    async get(path, query) {
      const full = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
      const reused = session !== undefined;
      let response = await getOnce(full, await (session ?? startLogin()));
      if (response.status === 401 && reused) {
        // The server forgot the session (restart, idle timeout): log in again, once.
        await response.text().catch(() => '');
        response = await getOnce(full, await startLogin());
      }
      const text = await response.text().catch(() => '');
      if (response.status === 401 || response.status === 403) throw rejected(path, response.status);
      if (!response.ok) throw new InterfaceError(Code.BadResponse, `Mirth: HTTP ${response.status} at ${path}`);
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text);
      } catch (error) {
        const xml = text.trimStart().startsWith('<');
        const what = xml ? 'XML although JSON was asked for' : 'a body that is not JSON';
        throw new InterfaceError(Code.BadResponse, `Mirth: ${what} at ${path}`, { cause: error });
      }
    },
  };
}

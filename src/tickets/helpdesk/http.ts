import { createHash } from 'node:crypto';
import type { FetchLike } from '../../core/http.js';
import { type ExternalTicketInput, HelpdeskError } from './types.js';

/**
 * JSON over the injected fetch, shared by the helpdesk adapters. It turns every failure into a
 * `HelpdeskError` the outbox can act on: network errors, timeouts, 408, 409, 425, 429 and 5xx are
 * retryable (with `Retry-After` when the vendor sends one); any other status is not. Messages name the
 * vendor, the method, the path and the vendor's own error text, never the Authorization header, and
 * any `redact` strings (credentials, the ticket description) are cut out of that text.
 */
export interface HelpdeskHttpOptions {
  vendor: string;
  baseUrl: string;
  /** Full `Authorization` header value. */
  authorization: string;
  fetch: FetchLike;
  /** Pulls the human-readable error out of a vendor's error body. */
  errorText: (body: unknown) => string | undefined;
  /** Strings that must never appear in an error message (passwords, tokens). */
  secrets: readonly string[];
}

export interface HelpdeskRequest {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Extra strings to cut from error messages for this call (e.g. the description being sent). */
  redact?: readonly string[];
}

export type HelpdeskHttp = <T>(method: string, path: string, request?: HelpdeskRequest) => Promise<T>;

const retryableStatuses = new Set([408, 409, 425, 429]);
const maxErrorText = 300;

/**
 * @example
 * const http = createHelpdeskHttp({ vendor: 'Jira', baseUrl, authorization: basicAuth(email, token), fetch, errorText, secrets: [token] });
 * const issue = await http<{ key: string }>('GET', '/rest/api/3/issue/OPS-1');
 */
export function createHelpdeskHttp(options: HelpdeskHttpOptions): HelpdeskHttp {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async <T>(method: string, path: string, request: HelpdeskRequest = {}): Promise<T> => {
    const url = new URL(base + path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const where = `${options.vendor} ${method} ${path}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: options.authorization,
      ...request.headers,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      text = await response.text();
    } catch (error) {
      // No complete response: DNS, connection reset, or the shared fetch's timeout. Worth another try.
      const kind = error instanceof Error ? error.name : 'error';
      throw new HelpdeskError(`${where} failed: network error (${kind})`, { retryable: true, cause: error });
    }
    const body = parseJson(text);
    if (response.ok) return body as T;
    const status = response.status;
    const retryable = retryableStatuses.has(status) || status >= 500;
    const vendorText = redactText(
      options.errorText(body) ?? (body === undefined && !text.trimStart().startsWith('<') ? text : ''),
      [...options.secrets, ...(request.redact ?? [])],
    );
    const detail = vendorText ? `: ${vendorText}` : '';
    throw new HelpdeskError(`${where} failed: HTTP ${status}${detail}`, {
      retryable,
      status,
      retryAfterSeconds: retryable ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
    });
  };
}

/**
 * A success status whose body lacks what the API documents (e.g. an SSO proxy's HTML login page):
 * a configuration problem that retrying will not fix.
 */
export function unexpectedResponse(where: string): HelpdeskError {
  return new HelpdeskError(`${where} returned an unexpected response body`, { retryable: false });
}

/** `Authorization: Basic base64(user:secret)`, the scheme all three vendors accept for API tokens. */
export function basicAuth(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The marker appended to every comment we post, so a retry can see that the comment is already there.
 * @example commentMarker('outbox-42') // '[pacs-desk:outbox-42]'
 */
export function commentMarker(idempotencyKey: string): string {
  return `[pacs-desk:${idempotencyKey}]`;
}

/**
 * Idempotency key for the note that goes with a status change: the same note for the same status is
 * the same comment, so a retried status change adds it once.
 * @example statusNoteKey(TicketStatus.Resolved, 'Study re-sent from the modality') // 'status-resolved-1f2e3d4c5b6a'
 */
export function statusNoteKey(status: string, note: string): string {
  return `status-${status}-${createHash('sha256').update(note).digest('hex').slice(0, 12)}`;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function redactText(text: string, redact: readonly string[]): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const secret of redact) {
    // Short strings would redact ordinary words; credentials and descriptions are longer than this.
    if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out.length > maxErrorText ? `${out.slice(0, maxErrorText)}…` : out;
}

/**
 * The line every adapter appends to the ticket body: our key and the triage fields, so an agent in the
 * helpdesk can find the ticket in PACS Desk. Contains no patient data (the input has none by contract).
 * @example ticketContext(input) // 'PACS Desk PACS-123 · category: missing_study · urgency: stat · site: North · requester: Dr Lee'
 */
export function ticketContext(input: ExternalTicketInput): string {
  const parts = [`PACS Desk ${input.key}`, `category: ${input.category}`, `urgency: ${input.urgency}`];
  if (input.site) parts.push(`site: ${input.site}`);
  const requester = input.requester.name ?? input.requester.email;
  if (requester) parts.push(`requester: ${requester}`);
  return parts.join(' · ');
}

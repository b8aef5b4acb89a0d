/**
 * Zendesk Support tickets through the Ticketing API v2.
 *
 * Vendor docs this follows:
 * - Tickets: POST /api/v2/tickets {ticket: {subject, comment: {body}, priority, external_id, tags}} -> 201
 *   {ticket: {id, url, …}}; PUT /api/v2/tickets/{id} {ticket: {comment: {body, public}, status}};
 *   List Tickets takes `external_id` (not unique, so it may return several):
 *   https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/
 * - Comments: GET /api/v2/tickets/{id}/comments -> {comments: [{id, body, public, …}]}; comments are
 *   created through the Tickets API: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/
 * - Idempotency-Key header on ticket creation (response header x-idempotency-lookup: miss|hit):
 *   https://developer.zendesk.com/api-reference/ticketing/introduction/#idempotency
 * - API token auth, Basic base64(`{email}/token:{api_token}`):
 *   https://developer.zendesk.com/api-reference/introduction/security-and-auth/
 * - 429 carries Retry-After: https://developer.zendesk.com/api-reference/introduction/rate-limits/
 */
import type { FetchLike } from '../../core/http.js';
import type { TicketStatus, Urgency } from '../types.js';
import {
  basicAuth,
  commentMarker,
  createHelpdeskHttp,
  statusNoteKey,
  ticketContext,
  unexpectedResponse,
} from './http.js';
import type { ExternalRef, HelpdeskAdapter } from './types.js';

export interface ZendeskAdapterOptions {
  /** Account URL, e.g. `https://example.zendesk.com`. */
  baseUrl: string;
  /** Email of the agent the API token acts as. */
  email: string;
  apiToken: string;
  /** Group to assign new tickets to. */
  groupId?: number;
  /** Whether our comments are public replies (emailed to the requester) or internal notes (default). */
  publicComments?: boolean;
  /** Our status -> Zendesk status. Unmapped statuses change nothing. */
  statusMap?: Partial<Record<TicketStatus, ZendeskStatus>>;
  fetch: FetchLike;
}

export type ZendeskStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

// `new` only exists before a ticket is first updated, so a reopened ticket goes back to `open`.
export const defaultZendeskStatusMap: Record<TicketStatus, ZendeskStatus> = {
  new: 'open',
  triaged: 'open',
  in_progress: 'open',
  waiting_on_requester: 'pending',
  resolved: 'solved',
  closed: 'closed',
};
const priorities: Record<Urgency, string> = { stat: 'urgent', urgent: 'high', routine: 'normal' };

interface ZendeskTicket {
  id: number;
  url?: string;
}

/**
 * @example
 * const zendesk = createZendeskAdapter({ baseUrl: 'https://example.zendesk.com', email, apiToken, fetch });
 * const ref = await zendesk.create(input); // { system: 'zendesk', id: '35436', url: 'https://example.zendesk.com/agent/tickets/35436' }
 */
export function createZendeskAdapter(options: ZendeskAdapterOptions): HelpdeskAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = createHelpdeskHttp({
    vendor: 'Zendesk',
    baseUrl: base,
    authorization: basicAuth(`${options.email}/token`, options.apiToken),
    fetch: options.fetch,
    errorText: zendeskErrorText,
    secrets: [options.apiToken],
  });
  const statusMap = { ...defaultZendeskStatusMap, ...options.statusMap };
  const isPublic = options.publicComments ?? false;
  const toRef = (id: number | string): ExternalRef => ({
    system: 'zendesk',
    id: String(id),
    url: `${base}/agent/tickets/${id}`,
  });
  const ticketPath = (ref: ExternalRef) => `/api/v2/tickets/${encodeURIComponent(ref.id)}`;

  const addComment: HelpdeskAdapter['addComment'] = async (ref, comment) => {
    const marker = commentMarker(comment.idempotencyKey);
    const page = await http<{ comments?: { body?: string }[] }>('GET', `${ticketPath(ref)}/comments`, {
      query: { sort_order: 'desc' },
    });
    if ((page?.comments ?? []).some((c) => (c.body ?? '').includes(marker))) return;
    const signature = `${comment.author ? `${comment.author} via PACS Desk` : 'PACS Desk'} ${marker}`;
    await http('PUT', ticketPath(ref), {
      body: { ticket: { comment: { body: `${comment.body}\n\n${signature}`, public: isPublic } } },
      // Documented for creation; on updates it is belt and braces next to the marker check above.
      headers: { 'idempotency-key': comment.idempotencyKey },
      redact: [comment.body],
    });
  };

  return {
    system: 'zendesk',
    async create(input) {
      const found = await http<{ tickets?: ZendeskTicket[] }>('GET', '/api/v2/tickets', {
        query: { external_id: input.key },
      });
      const existing = (found?.tickets ?? []).map((t) => t.id).sort((a, b) => a - b)[0];
      if (existing !== undefined) return toRef(existing);
      const created = await http<{ ticket: ZendeskTicket }>('POST', '/api/v2/tickets', {
        body: {
          ticket: {
            subject: `[${input.key}] ${input.summary}`,
            comment: { body: `${input.description}\n\n${ticketContext(input)}` },
            priority: priorities[input.urgency],
            external_id: input.key,
            // Zendesk stores tags in lower case.
            tags: ['pacs-desk', `pacs-desk-${input.key.toLowerCase()}`, `pacs-desk-${input.category}`],
            ...(options.groupId ? { group_id: options.groupId } : {}),
          },
        },
        // A retried POST with the same key returns the first response instead of a second ticket.
        headers: { 'idempotency-key': `pacs-desk-create-${input.key}` },
        redact: [input.description],
      });
      const id = created?.ticket?.id;
      if (typeof id !== 'number') throw unexpectedResponse('Zendesk POST /api/v2/tickets');
      return toRef(id);
    },
    addComment,
    async setStatus(ref, status, note) {
      const target = statusMap[status];
      if (!target) return;
      // Note first: a closed ticket accepts no further comments.
      if (note) await addComment(ref, { body: note, idempotencyKey: statusNoteKey(status, note) });
      // Setting the same status again is a no-op update, so a retry needs no check first.
      await http('PUT', ticketPath(ref), { body: { ticket: { status: target } } });
    },
  };
}

function zendeskErrorText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { error, description, details } = body as { error?: unknown; description?: unknown; details?: unknown };
  const parts: string[] = [];
  if (typeof error === 'string') parts.push(error);
  else if (error && typeof error === 'object') {
    const { title, message } = error as { title?: unknown; message?: unknown };
    parts.push(...[title, message].filter((p): p is string => typeof p === 'string'));
  }
  if (typeof description === 'string') parts.push(description);
  if (details && typeof details === 'object') {
    for (const [field, list] of Object.entries(details)) {
      for (const item of Array.isArray(list) ? list : []) {
        const text = (item as { description?: unknown }).description;
        if (typeof text === 'string') parts.push(`${field}: ${text}`);
      }
    }
  }
  return parts.length > 0 ? parts.join(' — ') : undefined;
}

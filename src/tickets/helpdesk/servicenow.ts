/**
 * ServiceNow incidents through the Table API.
 *
 * Vendor docs this follows:
 * - Table API: GET /api/now/table/{table}?sysparm_query=…&sysparm_limit=…&sysparm_fields=… -> {result: [...]},
 *   POST /api/now/table/{table} -> 201 {result: {sys_id, number, …}}, PATCH /api/now/table/{table}/{sys_id}
 *   -> {result: {…}}: https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html and
 *   https://docs.servicenow.com/bundle/geneva-servicenow-platform/page/integrate/inbound_rest/reference/r_TableAPI-GET.html
 * - Errors: {error: {message, detail}, status: "failure"}.
 * - Incident states 1 New, 2 In Progress, 3 On Hold (hold_reason 1 = Awaiting Caller), 6 Resolved
 *   (close_code + close_notes), 7 Closed; urgency/impact 1 High, 2 Medium, 3 Low:
 *   https://docs.servicenow.com/bundle/london-it-service-management/page/product/incident-management/concept/c_IncidentManagementStateModel.html
 *   and KB0564465 (Incident Management State Model).
 * - Basic auth with a user and password (an integration user with the itil role).
 *
 * `correlation_id` / `correlation_display` are the incident fields ServiceNow provides for an external
 * system's identifier; we store our key there and look it up before creating.
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

export interface ServiceNowAdapterOptions {
  /** Instance URL, e.g. `https://example.service-now.com`. */
  baseUrl: string;
  user: string;
  password: string;
  /** sys_id of the assignment group (a reference field: the Table API stores the value as given). */
  assignmentGroup?: string;
  /** Journal field our comments go to: `work_notes` (internal, default) or `comments` (customer-visible). */
  commentField?: JournalField;
  /** close_code used when resolving or closing; default `Solution provided` (choice list differs by release). */
  closeCode?: string;
  /** Our status -> incident fields. Unmapped statuses change nothing. */
  statusMap?: Partial<Record<TicketStatus, Record<string, string>>>;
  fetch: FetchLike;
}

type JournalField = 'work_notes' | 'comments';

const levels: Record<Urgency, string> = { stat: '1', urgent: '2', routine: '3' };

export function defaultServiceNowStatusMap(closeCode: string): Record<TicketStatus, Record<string, string>> {
  const closing = { close_code: closeCode };
  return {
    new: { state: '1' },
    triaged: { state: '1' },
    in_progress: { state: '2' },
    waiting_on_requester: { state: '3', hold_reason: '1' },
    resolved: { state: '6', ...closing },
    closed: { state: '7', ...closing },
  };
}

interface Incident {
  sys_id: string;
  number?: string;
  comments?: string;
  work_notes?: string;
}

/**
 * @example
 * const snow = createServiceNowAdapter({ baseUrl: 'https://example.service-now.com', user, password, fetch });
 * const ref = await snow.create(input); // { system: 'servicenow', id: '<sys_id>', url: '…/incident.do?sys_id=<sys_id>' }
 */
export function createServiceNowAdapter(options: ServiceNowAdapterOptions): HelpdeskAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = createHelpdeskHttp({
    vendor: 'ServiceNow',
    baseUrl: base,
    authorization: basicAuth(options.user, options.password),
    fetch: options.fetch,
    errorText: serviceNowErrorText,
    secrets: [options.password],
  });
  const commentField = options.commentField ?? 'work_notes';
  const statusMap = { ...defaultServiceNowStatusMap(options.closeCode ?? 'Solution provided'), ...options.statusMap };
  const toRef = (sysId: string): ExternalRef => ({
    system: 'servicenow',
    id: sysId,
    url: `${base}/incident.do?sys_id=${encodeURIComponent(sysId)}`,
  });
  const incidentPath = (ref: ExternalRef) => `/api/now/table/incident/${encodeURIComponent(ref.id)}`;

  /** Adds a journal entry (comment or work note) unless one carrying the same marker is already there. */
  const appendJournal = async (ref: ExternalRef, field: JournalField, text: string, key: string, author?: string) => {
    const marker = commentMarker(key);
    // A journal field's display value is its whole history, so one read shows every earlier entry.
    const current = await http<{ result?: Incident }>('GET', incidentPath(ref), {
      query: { sysparm_fields: field, sysparm_display_value: 'true' },
    });
    if ((current?.result?.[field] ?? '').includes(marker)) return;
    const signature = `${author ? `${author} via PACS Desk` : 'PACS Desk'} ${marker}`;
    await http('PATCH', incidentPath(ref), {
      body: { [field]: `${text}\n\n${signature}` },
      query: { sysparm_fields: 'sys_id' },
      redact: [text],
    });
  };

  return {
    system: 'servicenow',
    async create(input) {
      const found = await http<{ result?: Incident[] }>('GET', '/api/now/table/incident', {
        query: {
          // `^` separates encoded-query terms; our keys (PACS-123) never contain one.
          sysparm_query: `correlation_id=${input.key}`,
          sysparm_limit: '1',
          sysparm_fields: 'sys_id,number',
        },
      });
      const existing = found?.result?.[0];
      if (existing) return toRef(existing.sys_id);
      const created = await http<{ result: Incident }>('POST', '/api/now/table/incident', {
        body: {
          short_description: `[${input.key}] ${input.summary}`.slice(0, 160),
          description: `${input.description}\n\n${ticketContext(input)}`,
          correlation_id: input.key,
          correlation_display: 'PACS Desk',
          urgency: levels[input.urgency],
          impact: levels[input.urgency],
          ...(options.assignmentGroup ? { assignment_group: options.assignmentGroup } : {}),
        },
        query: { sysparm_fields: 'sys_id,number' },
        redact: [input.description],
      });
      const sysId = created?.result?.sys_id;
      if (typeof sysId !== 'string') throw unexpectedResponse('ServiceNow POST /api/now/table/incident');
      return toRef(sysId);
    },
    addComment: (ref, comment) =>
      appendJournal(ref, commentField, comment.body, comment.idempotencyKey, comment.author),
    async setStatus(ref, status, note) {
      const fields = statusMap[status];
      if (!fields) return;
      const body: Record<string, string> = { ...fields };
      const closing = body.state === '6' || body.state === '7';
      if (closing) body.close_notes = note ?? 'Resolved in PACS Desk.';
      // PATCH of the same values is harmless, so a retried status change needs no check first.
      await http('PATCH', incidentPath(ref), { body, query: { sysparm_fields: 'sys_id,state' } });
      // "Awaiting Caller" wants a customer-visible comment saying what is needed; other notes follow commentField.
      if (note && !closing) {
        const field = body.hold_reason ? 'comments' : commentField;
        await appendJournal(ref, field, note, statusNoteKey(status, note));
      }
    },
  };
}

function serviceNowErrorText(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown; detail?: unknown } } | undefined)?.error;
  if (!error) return undefined;
  return [error.message, error.detail].filter((part) => typeof part === 'string' && part !== '').join(' — ');
}

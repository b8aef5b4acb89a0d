/**
 * Jira Cloud (including Jira Service Management projects) through the Jira platform REST API v3.
 *
 * Vendor docs this follows:
 * - Create issue, POST /rest/api/3/issue -> 201 {id, key, self}:
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/
 * - Enhanced JQL search, POST /rest/api/3/search/jql {jql, fields, maxResults} -> {issues, nextPageToken, isLast};
 *   the JQL must be bounded and results are eventually consistent:
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/
 * - Comments, GET/POST /rest/api/3/issue/{key}/comment (ADF body; GET -> {startAt, maxResults, total, comments}):
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/
 * - Transitions, GET /rest/api/3/issue/{key}/transitions -> {transitions: [{id, name, to: {name}}]},
 *   POST {transition: {id}} -> 204: same api-group-issues page.
 * - Basic auth with account email + API token: https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/
 * - Errors are {errorMessages: [], errors: {field: message}}; 429 (and some 503) carry Retry-After:
 *   https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 *
 * Why the platform API and not JSM's POST /rest/servicedeskapi/request: it works for any project type,
 * needs only a project key (no serviceDeskId/requestTypeId lookups, no customer permissions), and
 * accepts `labels`, which carry our correlation label. The cost: in a JSM project the issue has no
 * request type, so it does not show in the customer portal (agents see it in queues).
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
import { adfDoc, adfText } from './jira-adf.js';
import { type ExternalRef, type HelpdeskAdapter, HelpdeskError } from './types.js';

export interface JiraAdapterOptions {
  /** Site URL, e.g. `https://example.atlassian.net`. */
  baseUrl: string;
  /** Atlassian account email of the integration user. */
  email: string;
  apiToken: string;
  projectKey: string;
  /** Issue type name; default `Task`. */
  issueType?: string;
  /** Our status -> Jira target status names, first available wins (case-insensitive). Unmapped: no change. */
  statusMap?: Partial<Record<TicketStatus, string | readonly string[]>>;
  /** Our urgency -> Jira priority name. Pass `{}` when the priority field is not on the create screen. */
  priorityMap?: Partial<Record<Urgency, string>>;
  fetch: FetchLike;
}

export const defaultJiraStatusMap: Record<TicketStatus, readonly string[]> = {
  new: ['To Do', 'Open', 'Waiting for support'],
  triaged: ['To Do', 'Open', 'Waiting for support'],
  in_progress: ['In Progress'],
  waiting_on_requester: ['Waiting for customer', 'Pending'],
  resolved: ['Resolved', 'Done'],
  closed: ['Closed', 'Done'],
};
export const defaultJiraPriorityMap: Record<Urgency, string> = { stat: 'Highest', urgent: 'High', routine: 'Medium' };

interface JiraTransition {
  id: string;
  name: string;
  to?: { name?: string };
}

/**
 * @example
 * const jira = createJiraAdapter({ baseUrl: 'https://example.atlassian.net', email, apiToken, projectKey: 'OPS', fetch });
 * const ref = await jira.create(input); // { system: 'jira', id: 'OPS-42', url: 'https://example.atlassian.net/browse/OPS-42' }
 */
export function createJiraAdapter(options: JiraAdapterOptions): HelpdeskAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http = createHelpdeskHttp({
    vendor: 'Jira',
    baseUrl: base,
    authorization: basicAuth(options.email, options.apiToken),
    fetch: options.fetch,
    errorText: jiraErrorText,
    secrets: [options.apiToken],
  });
  const statusMap = { ...defaultJiraStatusMap, ...options.statusMap };
  const priorityMap = options.priorityMap ?? defaultJiraPriorityMap;
  const toRef = (key: string): ExternalRef => ({ system: 'jira', id: key, url: `${base}/browse/${key}` });
  const issuePath = (ref: ExternalRef) => `/rest/api/3/issue/${encodeURIComponent(ref.id)}`;

  const addComment: HelpdeskAdapter['addComment'] = async (ref, comment) => {
    const marker = commentMarker(comment.idempotencyKey);
    // Newest first: a retry follows the lost write closely, so the duplicate would be on the first page.
    const page = await http<{ comments?: { body?: unknown }[] }>('GET', `${issuePath(ref)}/comment`, {
      query: { orderBy: '-created', maxResults: '100' },
    });
    if ((page?.comments ?? []).some((c) => adfText(c.body).includes(marker))) return;
    const signature = `${comment.author ? `${comment.author} via PACS Desk` : 'PACS Desk'} ${marker}`;
    await http('POST', `${issuePath(ref)}/comment`, {
      body: { body: adfDoc(`${comment.body}\n\n${signature}`) },
      redact: [comment.body],
    });
  };

  return {
    system: 'jira',
    async create(input) {
      const label = `pacs-desk-${input.key}`;
      const found = await http<{ issues?: { key: string }[] }>('POST', '/rest/api/3/search/jql', {
        body: {
          jql: `project = ${jqlString(options.projectKey)} AND labels = ${jqlString(label)} ORDER BY created ASC`,
          fields: ['summary'],
          maxResults: 1,
        },
      });
      const existing = found?.issues?.[0];
      if (existing) return toRef(existing.key);
      const priority = priorityMap[input.urgency];
      const created = await http<{ id: string; key: string }>('POST', '/rest/api/3/issue', {
        body: {
          fields: {
            project: { key: options.projectKey },
            issuetype: { name: options.issueType ?? 'Task' },
            // Jira caps summary at 255 characters.
            summary: `[${input.key}] ${input.summary}`.slice(0, 255),
            description: adfDoc(`${input.description}\n\n${ticketContext(input)}`),
            labels: ['pacs-desk', label, `pacs-desk-${input.category}`],
            ...(priority ? { priority: { name: priority } } : {}),
          },
        },
        redact: [input.description],
      });
      if (typeof created?.key !== 'string') throw unexpectedResponse('Jira POST /rest/api/3/issue');
      return toRef(created.key);
    },
    addComment,
    async setStatus(ref, status, note) {
      const wanted = [statusMap[status] ?? []].flat().map((name) => name.toLowerCase());
      if (wanted.length === 0) return;
      const { transitions = [] } =
        (await http<{ transitions?: JiraTransition[] }>('GET', `${issuePath(ref)}/transitions`)) ?? {};
      const transition = wanted
        .map((name) => transitions.find((t) => t.to?.name?.toLowerCase() === name))
        .find((t) => t !== undefined);
      if (transition) {
        await http('POST', `${issuePath(ref)}/transitions`, { body: { transition: { id: transition.id } } });
      } else {
        // No transition leads there: fine if a previous attempt already moved it, an error otherwise.
        const issue = await http<{ fields?: { status?: { name?: string } } }>('GET', issuePath(ref), {
          query: { fields: 'status' },
        });
        const current = issue?.fields?.status?.name ?? 'unknown';
        if (!wanted.includes(current.toLowerCase())) {
          throw new HelpdeskError(`Jira has no transition from "${current}" to ${wanted.join(' / ')} on ${ref.id}`, {
            retryable: false,
          });
        }
      }
      // The note goes in as its own comment, keyed on its content so a retried status change adds it once.
      if (note) await addComment(ref, { body: note, idempotencyKey: statusNoteKey(status, note) });
    },
  };
}

function jiraErrorText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { errorMessages, errors } = body as { errorMessages?: unknown; errors?: unknown };
  const parts = Array.isArray(errorMessages) ? errorMessages.map(String) : [];
  if (errors && typeof errors === 'object') {
    for (const [field, message] of Object.entries(errors)) parts.push(`${field}: ${String(message)}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** A JQL string literal: double-quoted, with `"` and `\` escaped. */
function jqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

import type { TicketCategory, TicketStatus, Urgency } from '../types.js';

export const HelpdeskSystem = { Jira: 'jira', ServiceNow: 'servicenow', Zendesk: 'zendesk' } as const;
export type HelpdeskSystem = (typeof HelpdeskSystem)[keyof typeof HelpdeskSystem];

/** What an external helpdesk receives: no patient identifiers (accession masked, PHI redacted). */
export interface ExternalTicketInput {
  /** Our key, e.g. PACS-123: the correlation id that makes creation idempotent. */
  key: string;
  summary: string;
  description: string;
  category: TicketCategory;
  urgency: Urgency;
  site?: string;
  requester: { slackId: string; name?: string; email?: string };
}

export interface ExternalRef {
  system: HelpdeskSystem;
  id: string;
  url?: string;
}

/** A failure the outbox may retry (network, timeout, 429, 5xx) or must not (4xx other than 408/409/429). */
export class HelpdeskError extends Error {
  readonly retryable: boolean;
  readonly status?: number;
  /** Seconds to wait, from a Retry-After header. */
  readonly retryAfterSeconds?: number;

  constructor(
    message: string,
    options: { retryable: boolean; status?: number; retryAfterSeconds?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'HelpdeskError';
    this.retryable = options.retryable;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * One external helpdesk. Calls may be repeated after a crash or a timeout that hid a success, so each
 * must be idempotent: `create` finds an existing ticket by our key before creating one; `addComment`
 * carries `idempotencyKey` and skips a comment that is already there.
 */
export interface HelpdeskAdapter {
  readonly system: HelpdeskSystem;
  create(input: ExternalTicketInput): Promise<ExternalRef>;
  addComment(ref: ExternalRef, comment: { body: string; author?: string; idempotencyKey: string }): Promise<void>;
  setStatus(ref: ExternalRef, status: TicketStatus, note?: string): Promise<void>;
}

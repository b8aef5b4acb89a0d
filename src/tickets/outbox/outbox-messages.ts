import type { Transaction } from 'kysely';
import { redactPhi } from '../../core/phi-redact.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { ExternalTicketInput } from '../helpdesk/types.js';
import { maskAccession, type Ticket, type TicketStatus } from '../types.js';

export const OutboxKind = { Create: 'create', Comment: 'comment', Status: 'status' } as const;
export type OutboxKind = (typeof OutboxKind)[keyof typeof OutboxKind];

/** What one outbox row asks the helpdesk to do. Payloads are built redacted, so the table holds no PHI. */
export type OutboxMessage =
  | { kind: 'create'; payload: ExternalTicketInput }
  | { kind: 'comment'; payload: { body: string; author: string; idempotencyKey: string } }
  | { kind: 'status'; payload: { status: TicketStatus; note?: string } };

/**
 * The helpdesk's copy of a new ticket: summary and description through `redactPhi`, the accession only
 * masked (`ACC •••1234`), the requester by Slack id.
 *
 * @example createMessage(ticket).payload.description // '… MRN [MRN] …\n\nStudy: ACC •••4567'
 */
export function createMessage(ticket: Ticket): OutboxMessage {
  const masked = maskAccession(ticket.accession);
  const description = redactPhi(ticket.description) + (masked ? `\n\nStudy: ${masked}` : '');
  return {
    kind: OutboxKind.Create,
    payload: {
      key: ticket.key,
      summary: redactPhi(ticket.summary),
      description,
      category: ticket.category,
      urgency: ticket.urgency,
      site: ticket.site,
      requester: { slackId: ticket.requesterId },
    },
  };
}

/**
 * A comment for the helpdesk, redacted; its idempotency key names the timeline entry it came from.
 *
 * @example commentMessage('PACS-1', 42, 'U123', 'Re-sent from the modality').payload.idempotencyKey // 'PACS-1:comment:42'
 */
export function commentMessage(ticketKey: string, entryId: number, author: string, body: string): OutboxMessage {
  const idempotencyKey = `${ticketKey}:comment:${entryId}`;
  return { kind: OutboxKind.Comment, payload: { body: redactPhi(body), author, idempotencyKey } };
}

/**
 * A status change for the helpdesk; the note (resolution text) is redacted.
 *
 * @example statusMessage(TicketStatus.Resolved, 'Study re-sent').payload // { status: 'resolved', note: 'Study re-sent' }
 */
export function statusMessage(status: TicketStatus, note?: string): OutboxMessage {
  return { kind: OutboxKind.Status, payload: { status, note: note === undefined ? undefined : redactPhi(note) } };
}

/** The unique key of a row: one create per ticket, one comment or status row per timeline entry. */
export function idempotencyKeyFor(ticketKey: string, message: OutboxMessage, entryId?: number): string {
  return message.kind === OutboxKind.Create ? `${ticketKey}:create` : `${ticketKey}:${message.kind}:${entryId}`;
}

/**
 * Appends an outbox row inside the caller's transaction, so the change and its sync commit together.
 *
 * @example await enqueueOutbox(trx, { ticketKey: 'PACS-1', message: createMessage(t), at: now })
 */
export async function enqueueOutbox(
  trx: Transaction<DatabaseSchema>,
  row: { ticketKey: string; message: OutboxMessage; at: string; entryId?: number },
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      ticket_key: row.ticketKey,
      kind: row.message.kind,
      payload: JSON.stringify(row.message.payload),
      idempotency_key: idempotencyKeyFor(row.ticketKey, row.message, row.entryId),
      created_at: row.at,
      next_attempt_at: row.at,
    })
    .execute();
}

import type { Selectable } from 'kysely';
import type { TicketsTable, TicketTimelineTable } from '../db/schema.js';
import type { Ticket, TicketCategory, TicketStatus, TimelineEntry, TimelineKind, Urgency } from './types.js';

export type TicketRow = Selectable<TicketsTable>;
export type TimelineRow = Selectable<TicketTimelineTable>;

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/**
 * A `tickets` row as the shared Ticket model (nulls become absent fields; internal columns dropped).
 *
 * @example toTicket(await db.selectFrom('tickets').selectAll().where('key', '=', 'PACS-1').executeTakeFirstOrThrow())
 */
export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    key: r.key,
    requesterId: r.requester_id,
    summary: r.summary,
    description: r.description,
    category: r.category as TicketCategory,
    urgency: r.urgency as Urgency,
    site: opt(r.site),
    accession: opt(r.accession),
    status: r.status as TicketStatus,
    assigneeId: opt(r.assignee_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstResponseAt: opt(r.first_response_at),
    resolvedAt: opt(r.resolved_at),
    closedAt: opt(r.closed_at),
    slaDueAt: r.sla_due_at,
    csat: opt(r.csat),
    source: r.source_channel
      ? { channel: r.source_channel, ts: opt(r.source_ts), permalink: opt(r.source_permalink) }
      : undefined,
    card: r.card_channel && r.card_ts ? { channel: r.card_channel, ts: r.card_ts } : undefined,
    external:
      r.external_system && r.external_id
        ? { system: r.external_system, id: r.external_id, url: opt(r.external_url) }
        : undefined,
    queue: r.queue,
    version: r.version,
  };
}

/**
 * A `ticket_timeline` row as a TimelineEntry (`data` parsed from JSON).
 *
 * @example toTimelineEntry({ id: 1, ticket_key: 'PACS-1', at: '…', actor_id: 'U1', kind: 'created', body: null, data: null })
 */
export function toTimelineEntry(r: TimelineRow): TimelineEntry {
  return {
    id: r.id,
    ticketKey: r.ticket_key,
    at: r.at,
    actorId: r.actor_id,
    kind: r.kind as TimelineKind,
    body: opt(r.body),
    data: r.data === null ? undefined : (JSON.parse(r.data) as Record<string, unknown>),
  };
}

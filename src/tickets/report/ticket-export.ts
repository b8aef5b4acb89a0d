import { redactPhi } from '../../core/phi-redact.js';
import type { Ticket } from '../types.js';
import { toCsv } from './csv.js';

/** Columns of `pacs-desk tickets export --csv`, in order. No accession and no description (free text). */
export const exportColumns = [
  'key',
  'status',
  'urgency',
  'category',
  'site',
  'summary',
  'requester',
  'assignee',
  'created_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'sla_due_at',
  'csat',
  'external_system',
  'external_id',
] as const;

/**
 * Tickets as CSV for spreadsheets: the summary goes through `redactPhi`, the accession and description
 * are left out, and every cell is protected against formula injection.
 *
 * @example ticketsCsv(await store.listCreatedSince()) // 'key,status,…\r\nPACS-1,new,…\r\n'
 */
export function ticketsCsv(tickets: readonly Ticket[]): string {
  return toCsv(
    exportColumns,
    tickets.map((t) => [
      t.key,
      t.status,
      t.urgency,
      t.category,
      t.site,
      redactPhi(t.summary),
      t.requesterId,
      t.assigneeId,
      t.createdAt,
      t.firstResponseAt,
      t.resolvedAt,
      t.closedAt,
      t.slaDueAt,
      t.csat,
      t.external?.system,
      t.external?.id,
    ]),
  );
}

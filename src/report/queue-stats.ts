import { averageCsat, p50 as median, minutesBetween } from '../tickets/report/queue-summary.js';
import { openStatuses, type Ticket } from '../tickets/types.js';
import { emptyQueue, type Period, type QueueWeek } from './weekly-report.js';

/** A ticket's queue (`default` for rows from before queues existed: the migration's column default). */
export const queueOf = (t: Ticket): string => t.queue || 'default';

const within = (at: string | undefined, p: Period) =>
  at !== undefined && at >= p.since.toISOString() && at < p.until.toISOString();

/** One queue's numbers for the period (see `QueueWeek`). */
function queueWeek(id: string, tickets: readonly Ticket[], period: Period): QueueWeek {
  const untilIso = period.until.toISOString();
  const opened = tickets.filter((t) => within(t.createdAt, period));
  const resolved = tickets.filter((t) => within(t.resolvedAt, period));
  const isOpen = (t: Ticket) => openStatuses.includes(t.status);
  const breaches = opened.filter((t) => (t.resolvedAt ?? (isOpen(t) ? untilIso : '')) > t.slaDueAt);
  const scores = resolved.flatMap((t) => (t.csat === undefined ? [] : [t.csat]));
  return {
    ...emptyQueue(id),
    opened: opened.length,
    resolved: resolved.length,
    firstResponseP50Min: median(
      opened.flatMap((t) => (t.firstResponseAt ? [minutesBetween(t.createdAt, t.firstResponseAt)] : [])),
    ),
    resolutionP50Min: median(
      resolved.flatMap((t) => (t.resolvedAt ? [minutesBetween(t.createdAt, t.resolvedAt)] : [])),
    ),
    slaBreaches: breaches.length,
    csat: averageCsat(scores),
  };
}

/**
 * Per-queue numbers and volume by category for the period. `tickets` may hold more than the period (tickets
 * created earlier but resolved in it count as resolved); only tickets touching the period are looked at.
 *
 * @example summarizeQueues(await store.listCreatedSince('2026-01-01'), period).queues[0].opened
 */
export function summarizeQueues(
  tickets: readonly Ticket[],
  period: Period,
): { queues: QueueWeek[]; byCategory: Record<string, number> } {
  const groups = new Map<string, Ticket[]>();
  for (const t of tickets) {
    if (!within(t.createdAt, period) && !within(t.resolvedAt, period)) continue;
    const list = groups.get(queueOf(t)) ?? [];
    list.push(t);
    groups.set(queueOf(t), list);
  }
  const byCategory: Record<string, number> = {};
  for (const t of tickets) if (within(t.createdAt, period)) byCategory[t.category] = (byCategory[t.category] ?? 0) + 1;
  return {
    queues: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([id, list]) => queueWeek(id, list, period)),
    byCategory: Object.fromEntries(Object.entries(byCategory).sort(([a], [b]) => a.localeCompare(b))),
  };
}

import { percentile } from '../tickets/report/ticket-summary.js';
import { openStatuses, type Ticket } from '../tickets/types.js';
import { emptyQueue, type Period, type QueueWeek } from './weekly-report.js';

/** Tickets created before the migration that adds `queue` (or by a build without it) belong to `default`. */
export const queueOf = (t: Ticket): string => (t as Ticket & { queue?: string | null }).queue ?? 'default';

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

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
    csat: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null,
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
    groups.set(queueOf(t), [...(groups.get(queueOf(t)) ?? []), t]);
  }
  const byCategory: Record<string, number> = {};
  for (const t of tickets) if (within(t.createdAt, period)) byCategory[t.category] = (byCategory[t.category] ?? 0) + 1;
  return {
    queues: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([id, list]) => queueWeek(id, list, period)),
    byCategory: Object.fromEntries(Object.entries(byCategory).sort(([a], [b]) => a.localeCompare(b))),
  };
}

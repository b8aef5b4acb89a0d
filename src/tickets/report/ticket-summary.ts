import { openStatuses, type Ticket } from '../types.js';
import { type QueueSummary, summarizeQueues } from './queue-summary.js';

/** Count, median and 90th percentile of a duration in minutes (nearest-rank; null when there is no data). */
export interface DurationStats {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface DurationBreakdown {
  all: DurationStats;
  byCategory: Record<string, DurationStats>;
  byUrgency: Record<string, DurationStats>;
}

/** The weekly manager report behind `pacs-desk tickets summary`. */
export interface TicketSummary {
  since: string;
  until: string;
  volume: { total: number; open: number; byCategory: Record<string, number>; byUrgency: Record<string, number> };
  firstResponse: DurationBreakdown;
  resolution: DurationBreakdown;
  /** Resolved after `slaDueAt`, or still open past it. */
  slaBreaches: { total: number; stillOpen: number; byUrgency: Record<string, number> };
  csat: { average: number | null; count: number };
  /** The same week per queue (every configured queue, then any other a ticket names). */
  queues: QueueSummary[];
}

/**
 * Nearest-rank percentile of sorted values.
 *
 * @example percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

function stats(values: number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, medianMinutes: percentile(sorted, 50), p90Minutes: percentile(sorted, 90) };
}

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

function breakdown(tickets: readonly Ticket[], end: (t: Ticket) => string | undefined): DurationBreakdown {
  const measured = tickets.flatMap((t) => {
    const at = end(t);
    return at ? [{ t, minutes: minutesBetween(t.createdAt, at) }] : [];
  });
  const group = (by: (t: Ticket) => string) => {
    const groups = new Map<string, number[]>();
    for (const m of measured) groups.set(by(m.t), [...(groups.get(by(m.t)) ?? []), m.minutes]);
    return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, stats(v)]));
  };
  return {
    all: stats(measured.map((m) => m.minutes)),
    byCategory: group((t) => t.category),
    byUrgency: group((t) => t.urgency),
  };
}

function countBy(tickets: readonly Ticket[], by: (t: Ticket) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of tickets) counts[by(t)] = (counts[by(t)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Summarises tickets created since `since` (YYYY-MM-DD, UTC) as of `now`: volume, time to first response
 * and to resolution (by category and urgency), SLA breaches and CSAT. Tickets closed without being
 * resolved (duplicates, spam) count in volume but not in resolution times or breaches.
 *
 * @example summarizeTickets(await store.listCreatedSince('2026-03-02'), { since: '2026-03-02', now: new Date() })
 */
export function summarizeTickets(
  all: readonly Ticket[],
  options: { since: string; now: Date; queues?: readonly string[] },
): TicketSummary {
  const tickets = all.filter((t) => t.createdAt >= options.since);
  const nowIso = options.now.toISOString();
  const isOpen = (t: Ticket) => openStatuses.includes(t.status);
  const breached = tickets.filter((t) => (t.resolvedAt ?? (isOpen(t) ? nowIso : '')) > t.slaDueAt);
  const scores = tickets.flatMap((t) => (t.csat === undefined ? [] : [t.csat]));
  return {
    since: options.since,
    until: nowIso,
    volume: {
      total: tickets.length,
      open: tickets.filter(isOpen).length,
      byCategory: countBy(tickets, (t) => t.category),
      byUrgency: countBy(tickets, (t) => t.urgency),
    },
    firstResponse: breakdown(tickets, (t) => t.firstResponseAt),
    resolution: breakdown(tickets, (t) => t.resolvedAt),
    slaBreaches: {
      total: breached.length,
      stillOpen: breached.filter(isOpen).length,
      byUrgency: countBy(breached, (t) => t.urgency),
    },
    csat: {
      average: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null,
      count: scores.length,
    },
    queues: summarizeQueues(tickets, nowIso, options.queues),
  };
}

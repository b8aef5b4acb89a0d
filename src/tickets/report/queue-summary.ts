import { openStatuses, type Ticket } from '../types.js';
import { percentile } from './ticket-summary.js';

/** One queue's week: the field names are a contract (`tickets summary --json` and the weekly digest share them). */
export interface QueueSummary {
  id: string;
  opened: number;
  resolved: number;
  firstResponseP50Min: number | null;
  resolutionP50Min: number | null;
  slaBreaches: number;
  /** Average score 1..5, or null without ratings. */
  csat: number | null;
}

export const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
/** Median of unsorted values, or null when there are none. */
export const p50 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/**
 * Per-queue figures for tickets opened in the window (already filtered by the caller), every known queue listed
 * even when it had none, then any other queue the tickets name; breaches count like the overall summary.
 *
 * @example summarizeQueues(tickets, new Date().toISOString(), ['default', 'ed'])
 */
export function summarizeQueues(
  tickets: readonly Ticket[],
  nowIso: string,
  knownQueues: readonly string[] = [],
): QueueSummary[] {
  const ids = [...new Set([...knownQueues, ...[...new Set(tickets.map((t) => t.queue))].sort()])];
  return ids.map((id) => {
    const mine = tickets.filter((t) => t.queue === id);
    const isOpen = (t: Ticket) => openStatuses.includes(t.status);
    const resolved = mine.filter((t) => t.resolvedAt);
    const scores = mine.flatMap((t) => (t.csat === undefined ? [] : [t.csat]));
    return {
      id,
      opened: mine.length,
      resolved: resolved.length,
      firstResponseP50Min: p50(
        mine.flatMap((t) => (t.firstResponseAt ? [minutesBetween(t.createdAt, t.firstResponseAt)] : [])),
      ),
      resolutionP50Min: p50(resolved.map((t) => minutesBetween(t.createdAt, t.resolvedAt as string))),
      slaBreaches: mine.filter((t) => (t.resolvedAt ?? (isOpen(t) ? nowIso : '')) > t.slaDueAt).length,
      csat: averageCsat(scores),
    };
  });
}

/** Average CSAT to two decimals, or null without scores. */
export const averageCsat = (scores: readonly number[]): number | null =>
  scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;

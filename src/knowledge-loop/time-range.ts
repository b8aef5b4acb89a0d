import type { TimeRange } from '../feedback/loop-queries.js';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * `since` (YYYY-MM-DD, UTC midnight) up to `now`; without it, the last `defaultDays` days.
 * Returns undefined for a date that is not YYYY-MM-DD, so the caller can say so.
 */
export function rangeSince(since: string | undefined, now: number, defaultDays = 30): TimeRange | undefined {
  const until = new Date(now).toISOString();
  if (since === undefined) return { since: new Date(now - defaultDays * dayMs).toISOString(), until };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) return undefined;
  const start = Date.parse(`${since}T00:00:00Z`);
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== since) return undefined;
  return { since: new Date(start).toISOString(), until };
}

/** ISO 8601 week of an ISO time, e.g. `2026-W49` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(at: string): string {
  const date = new Date(at);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / dayMs + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A range given as ISO strings or Dates (the weekly report's `Period`), as ISO strings; `until` defaults to now. */
export function isoRange(range: { since: string | Date; until?: string | Date }, now = Date.now()): TimeRange {
  return { since: new Date(range.since).toISOString(), until: new Date(range.until ?? now).toISOString() };
}

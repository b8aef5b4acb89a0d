import type { StudyRecord } from '../types.js';
import { type CheckContext, connectorFor } from './check-types.js';

const dicomDate = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

/**
 * The study-date range of the last `days` days, today included (UTC).
 *
 * @example `studyDateRange(new Date('2026-11-29T12:00Z'), 7)` → `'20261123-20261129'`
 */
export function studyDateRange(now: Date, days: number): string {
  const start = new Date(now.getTime() - (days - 1) * 86_400_000);
  return `${dicomDate(start)}-${dicomDate(now)}`;
}

export interface RecentStudies {
  /** DICOM range sent to the archives, `YYYYMMDD-YYYYMMDD` (UTC dates). */
  range: string;
  searched: string[];
  unreachable: string[];
  /** Sites that returned `sweepLimit` studies: there may be more. */
  truncated: string[];
  records: StudyRecord[];
}

/** The studies of the last `days` on one site or every site, at most `sweepLimit` per site: what the sweeps read. */
export async function recentStudies(ctx: CheckContext, args: { days: number; site?: string }): Promise<RecentStudies> {
  const searched = args.site ? [args.site] : [...ctx.connectors.keys()];
  const connectors = searched.map((site) => connectorFor(ctx, site));
  const range = studyDateRange(new Date(ctx.now()), args.days);
  const limit = ctx.settings.sweepLimit;
  const answers = await Promise.allSettled(connectors.map((c) => c.findStudies({ studyDate: range, limit })));
  const records: StudyRecord[] = [];
  const unreachable: string[] = [];
  const truncated: string[] = [];
  answers.forEach((answer, i) => {
    const site = searched[i] ?? '?';
    if (answer.status === 'rejected') unreachable.push(site);
    else {
      if (answer.value.length >= limit) truncated.push(site);
      for (const record of answer.value) records.push(record);
    }
  });
  return { range, searched, unreachable, truncated, records };
}

import { z } from 'zod';
import { Role } from '../../core/roles.js';
import { parseSweepArgument } from '../input/command-arguments.js';
import type { StudyRecord } from '../types.js';
import { type CheckContext, CheckId, connectorFor, defineCheck } from './check-types.js';
import { type SweepSummary, sweepUnidentified } from './unidentified-sweep.js';

export interface UnidentifiedResult extends SweepSummary {
  days: number;
  /** DICOM range sent to the archives, `YYYYMMDD-YYYYMMDD` (UTC dates). */
  range: string;
  searched: string[];
  unreachable: string[];
  /** Sites that returned `sweepLimit` studies: there may be more. */
  truncated: string[];
}

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

export const unidentifiedArgs = z.object({
  days: z.number().int().min(1).max(31).default(7),
  site: z.string().min(1).max(32).optional(),
});
export type UnidentifiedArgs = z.infer<typeof unidentifiedArgs>;

/** Sweeps one site, or all sites, for unidentified studies of the last `days`. */
export async function findUnidentified(ctx: CheckContext, args: UnidentifiedArgs): Promise<UnidentifiedResult> {
  const sites = args.site ? [args.site] : [...ctx.connectors.keys()];
  const connectors = sites.map((site) => connectorFor(ctx, site));
  const range = studyDateRange(new Date(ctx.now()), args.days);
  const limit = ctx.settings.sweepLimit;
  const answers = await Promise.allSettled(connectors.map((c) => c.findStudies({ studyDate: range, limit })));
  const records: StudyRecord[] = [];
  const unreachable: string[] = [];
  const truncated: string[] = [];
  answers.forEach((answer, i) => {
    const site = sites[i] ?? '?';
    if (answer.status === 'rejected') unreachable.push(site);
    else {
      if (answer.value.length >= limit) truncated.push(site);
      for (const record of answer.value) records.push(record);
    }
  });
  return {
    days: args.days,
    range,
    searched: sites,
    unreachable,
    truncated,
    ...sweepUnidentified(records, ctx.settings),
  };
}

/** `/pacs unidentified [days] [site]`. */
export const unidentifiedCheck = defineCheck({
  id: CheckId.Unidentified,
  command: 'unidentified',
  title: 'Unidentified studies',
  usage: 'unidentified [days 1–31] [site]',
  summary: 'Studies of the last days (default 7) with a blank or placeholder patient ID or name, or no accession.',
  examples: ['unidentified', 'unidentified 14', 'unidentified 3 main'],
  args: unidentifiedArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: true,
  parse: (text, ctx) => parseSweepArgument(text, ctx.connectors.keys()),
  run: findUnidentified,
  accessed: (result) => result.flagged.map((f) => f.record),
});

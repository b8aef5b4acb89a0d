import { z } from 'zod';
import { Role } from '../../core/roles.js';
import { parseSweepArgument } from '../input/command-arguments.js';
import { type CheckContext, CheckId, defineCheck } from './check-types.js';
import { recentStudies } from './recent-studies.js';
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

export const unidentifiedArgs = z.object({
  days: z.number().int().min(1).max(31).default(7),
  site: z.string().min(1).max(32).optional(),
});
export type UnidentifiedArgs = z.infer<typeof unidentifiedArgs>;

/** Sweeps one site, or all sites, for unidentified studies of the last `days`. */
export async function findUnidentified(ctx: CheckContext, args: UnidentifiedArgs): Promise<UnidentifiedResult> {
  const { range, searched, unreachable, truncated, records } = await recentStudies(ctx, args);
  return {
    days: args.days,
    range,
    searched,
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

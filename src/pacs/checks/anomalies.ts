import { z } from 'zod';
import { Role } from '../../core/roles.js';
import { parseSiteArgument } from '../input/command-arguments.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk } from '../input/input-result.js';
import { splitArguments } from '../input/study-argument.js';
import { type AnomalySummary, sweepAnomalies } from './anomalies-sweep.js';
import { recentWorklists } from './anomalies-worklist.js';
import { type CheckContext, CheckId, defineCheck } from './check-types.js';
import { recentStudies, studyDateRange } from './recent-studies.js';

/** Items shown; the counts cover all of them. */
export const maxAnomaliesListed = 20;

export interface AnomaliesResult extends AnomalySummary {
  days: number;
  range: string;
  searched: string[];
  unreachable: string[];
  /** Sites that returned `sweepLimit` studies: there may be more. */
  truncated: string[];
  /** Searched sites whose worklist was compared with their studies' modalities. */
  worklistSites: string[];
  /** Searched sites whose worklist provider did not answer: no modality mismatch is known there. */
  worklistUnreachable: string[];
}

export const anomaliesArgs = z.object({
  days: z.number().int().min(1).max(31).default(7),
  site: z.string().min(1).max(32).optional(),
});
export type AnomaliesArgs = z.infer<typeof anomaliesArgs>;

const line = 'anomalies [days 1–31] [site]';

/**
 * `[days] [site]`, days 1–31, default 7.
 *
 * @example `parseAnomaliesArgument('14 main', ['main'])` → `{ ok: true, value: { days: 14, site: 'main' } }`
 */
export function parseAnomaliesArgument(text: string, siteIds: Iterable<string>): InputResult<AnomaliesArgs> {
  const tokens = splitArguments(text);
  let days = 7;
  const first = tokens[0]?.normalize('NFKC');
  if (first !== undefined && /^\d+$/.test(first)) {
    days = Number(first);
    if (days < 1 || days > 31) {
      return inputFail(InputReason.Usage, InputProblem.Usage, `Days must be between 1 and 31. Usage: ${line}`);
    }
    tokens.shift();
  }
  const rest = parseSiteArgument(tokens.join(' '), siteIds, line);
  return rest.ok ? inputOk({ days, ...rest.value }) : rest;
}

/**
 * Sweeps the studies of the last `days` on one site or all of them (accessions and UIDs are compared across
 * sites), and reads each searched site's worklist once for the same days, at the same time.
 */
export async function findAnomalies(ctx: CheckContext, args: AnomaliesArgs): Promise<AnomaliesResult> {
  const searched = args.site ? [args.site] : [...ctx.connectors.keys()];
  const [studies, worklists] = await Promise.all([
    recentStudies(ctx, args),
    recentWorklists(ctx, searched, studyDateRange(new Date(ctx.now()), args.days)),
  ]);
  const { range, unreachable, truncated, records } = studies;
  const summary = sweepAnomalies(records, ctx.settings, maxAnomaliesListed, worklists.items);
  return {
    days: args.days,
    range,
    searched: studies.searched,
    unreachable,
    truncated,
    worklistSites: worklists.sites,
    worklistUnreachable: worklists.unreachable,
    ...summary,
  };
}

/** `/pacs anomalies [days] [site]`. */
export const anomaliesCheck = defineCheck({
  id: CheckId.Anomalies,
  command: 'anomalies',
  title: 'Data-integrity anomalies',
  usage: line,
  summary:
    'Studies of the last days (default 7): one accession or Study UID under several patient IDs, partial copies across sites, a modality other than the worklist’s, unidentified studies.',
  examples: ['anomalies', 'anomalies 14', 'anomalies 3 main'],
  args: anomaliesArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: true,
  parse: (text, ctx) => parseAnomaliesArgument(text, ctx.connectors.keys()),
  run: findAnomalies,
  // Every study behind a listed item is shown (masked): one Instances Accessed record per patient.
  accessed: (result) => result.items.flatMap((item) => item.records),
});

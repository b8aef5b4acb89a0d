import { BotError, ErrorCode } from '../../core/errors.js';
import { Role } from '../../core/roles.js';
import { localDay, stationSummary, worklistHints } from '../worklist/worklist-hints.js';
import type { WorklistItem, WorklistQuery } from '../worklist/worklist-types.js';
import { type CheckContext, CheckId, connectorFor, defineCheck } from './check-types.js';
import { parseWorklistArgument, type WorklistArgs, worklistArgs, worklistUsage } from './worklist-argument.js';
import { shownWorklistItems, type WorklistCheckResult, WorklistUnavailable } from './worklist-result.js';

const same = (a: string | undefined, b: string) => a !== undefined && a.toUpperCase() === b.toUpperCase();

function queryOf(args: WorklistArgs): WorklistQuery {
  if (args.by === 'station') return { by: 'station', stationAet: args.station, date: args.date };
  return args.by === 'mrn' ? { by: 'patient', patientId: args.id } : { by: 'accession', accession: args.id };
}

/**
 * Asks a site's worklist provider for an accession, a patient or a station's day. Items whose identifier
 * differs are dropped (a provider that ignores a matching key answers everything); a station's day keeps
 * counts only. A provider that does not answer throws `WorklistUnavailable` with its cause.
 * @example await findOnWorklist(ctx, { by: 'accession', id: 'WL0001' }) → { kind: 'lookup', found: true, items: [1], hints: [] }
 */
export async function findOnWorklist(ctx: CheckContext, args: WorklistArgs): Promise<WorklistCheckResult> {
  const site = args.site ?? ctx.defaultSite;
  connectorFor(ctx, site);
  const source = ctx.worklists?.get(site);
  if (!source) {
    throw new BotError(ErrorCode.NotFound, `site ${site}: no worklist provider`, {
      userMessage: `Site ${site} has no worklist provider configured (PACS_WORKLIST, or worklist: in PACS_CONFIG).`,
    });
  }
  const outcome = await source.find(queryOf(args));
  if (!outcome.ok) throw new WorklistUnavailable(site, outcome);
  if (args.by === 'station') {
    const summary = stationSummary(outcome.items, args.date);
    return { kind: 'station', site, station: args.station, summary, ms: outcome.ms };
  }
  const items = outcome.items.filter((i: WorklistItem) =>
    args.by === 'mrn' ? same(i.patientId, args.id) : same(i.accession, args.id),
  );
  const hints = worklistHints(items, { today: localDay(ctx.now), stationAet: args.at });
  return { kind: 'lookup', by: args.by, site, found: items.length > 0, items, hints, ms: outcome.ms };
}

/** `/pacs worklist ACC|mrn:ID [at:STATION] [site]` and `/pacs worklist station CT3 [YYYY-MM-DD] [site]`. */
export const worklistCheck = defineCheck({
  id: CheckId.Worklist,
  command: 'worklist',
  title: 'Modality worklist',
  usage: worklistUsage,
  summary:
    'Is the order on the scanner’s worklist: its items (modality, station, start, status, procedure) and why a scanner may not show it; or a station’s count for a day.',
  examples: ['worklist WL0001', 'worklist WL0001 at:MR1', 'worklist mrn:SYN-PAT-101', 'worklist station CT3'],
  args: worklistArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  // One command word is one check: a station summary shows no patient, so it accesses no study.
  returnsPhi: true,
  parse: (text, ctx) =>
    parseWorklistArgument(text, {
      siteIds: ctx.connectors.keys(),
      today: localDay(ctx.now),
      accession: ctx.settings.accession,
      mrn: ctx.settings.mrn,
    }),
  run: findOnWorklist,
  accessed: shownWorklistItems,
});

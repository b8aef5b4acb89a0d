import { Role } from '../../core/roles.js';
import { InputProblem, InputReason, type InputResult, inputFail, inputOk } from '../input/input-result.js';
import { parseStudyArgument } from '../input/study-argument.js';
import type { StudyRecord } from '../types.js';
import { type CheckContext, CheckId, defineCheck } from './check-types.js';
import { fetchDestination, sendRoute } from './fetch-route.js';
import { findStudy } from './study.js';
import {
  type StudyArgs,
  type StudyCheckResult,
  shownStudies,
  siteFailures,
  studyArgs,
  tooManyRefusal,
} from './study-result.js';

export const priorsUsage = 'priors mrn:PATIENT-ID [site]';

/** A patient's studies on every site (or one), newest first; each copy on each site is its own line. */
export interface PriorsResult extends StudyCheckResult {
  /** Where *Fetch* sends a prior (the main site), when fetching is possible at all: writes on, an AE title known. */
  fetchTo?: string;
  /** Parallel to `matches`: this copy can be fetched to `fetchTo` (another site, which can send it, not there yet). */
  fetchable: boolean[];
}

const newestFirst = (a: StudyRecord, b: StudyRecord) =>
  (b.studyDate ?? '').localeCompare(a.studyDate ?? '') || a.site.localeCompare(b.site);

/**
 * `mrn:ID [site]`: priors are found by patient, so an accession is refused with the usage line.
 *
 * @example `parsePriorsArgument('mrn:SYN-PAT-001', ctx)` → `{ ok: true, value: { by: 'mrn', id: 'SYN-PAT-001' } }`
 */
export function parsePriorsArgument(text: string, ctx: CheckContext): InputResult<StudyArgs> {
  const parsed = parseStudyArgument(text, {
    siteIds: ctx.connectors.keys(),
    accession: ctx.settings.accession,
    mrn: ctx.settings.mrn,
  });
  if (parsed.ok && parsed.value.by !== 'mrn') {
    return inputFail(
      InputReason.Usage,
      InputProblem.Usage,
      `Priors are found by patient: give the MRN with its prefix. Usage: ${priorsUsage}`,
    );
  }
  if (!parsed.ok && parsed.reason === InputReason.Usage) {
    return inputFail(InputReason.Usage, InputProblem.Usage, `Usage: ${priorsUsage}`);
  }
  return parsed.ok ? inputOk(parsed.value) : parsed;
}

/** The patient's studies on every configured site (up to `maxPriors`), with what may be fetched to the main site. */
export async function findPriors(ctx: CheckContext, args: StudyArgs): Promise<PriorsResult> {
  const found = await findStudy(ctx, { ...args, by: 'mrn' }, ctx.settings.maxPriors);
  const matches = [...found.matches].sort((a, b) => newestFirst(a.record, b.record));
  const fetchTo = fetchDestination(ctx);
  const onMain = new Map<string, number>();
  for (const { record } of matches)
    if (record.site === fetchTo) onMain.set(record.studyInstanceUid, record.instances ?? 0);
  const fetchable = matches.map(({ record }) => {
    if (!fetchTo || record.site === fetchTo || !sendRoute(ctx, record.site)) return false;
    const there = onMain.get(record.studyInstanceUid);
    return there === undefined || there < (record.instances ?? 0);
  });
  return { ...found, matches, ...(fetchTo ? { fetchTo } : {}), fetchable };
}

/** `/pacs priors mrn:ID [site]`. */
export const priorsCheck = defineCheck<typeof CheckId.Priors, StudyArgs, PriorsResult>({
  id: CheckId.Priors,
  command: 'priors',
  title: 'Prior studies',
  usage: priorsUsage,
  summary:
    'Lists a patient’s prior studies on every site (date, modalities, description, series/instances); admins can fetch one from an archive to the main site.',
  examples: ['priors mrn:SYN-PAT-001', 'priors mrn:SYN-PAT-001 archive'],
  args: studyArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: true,
  parse: parsePriorsArgument,
  run: findPriors,
  accessed: shownStudies,
  refused: tooManyRefusal,
  partialFailures: siteFailures,
});

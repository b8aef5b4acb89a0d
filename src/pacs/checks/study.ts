import { BotError, ErrorCode } from '../../core/errors.js';
import { Role } from '../../core/roles.js';
import { PacsError } from '../http/pacs-error.js';
import { validateAccession, validateMrn } from '../input/identifiers.js';
import { parseStudyArgument, studyUsage } from '../input/study-argument.js';
import type { StudyQuery, StudyRecord } from '../types.js';
import { type CheckContext, CheckId, connectorFor, defineCheck } from './check-types.js';
import {
  type StudyArgs,
  type StudyCheckResult,
  shownStudies,
  siteFailures,
  studyArgs,
  studyFacts,
  tooManyRefusal,
} from './study-result.js';

const same = (a: string | undefined, b: string) => a === undefined || a.toUpperCase() === b.toUpperCase();

/**
 * Searches one site, or every site, for an accession or MRN. Asks each archive for at most `cap`+1 studies
 * and drops records whose identifier differs (an archive that ignores a query key returns everything).
 *
 * @example `await findStudy(ctx, { by: 'accession', id: 'SYN0001' })` → `{ found: true, matches: [1 study], … }`
 */
export async function findStudy(
  ctx: CheckContext,
  args: StudyArgs,
  cap = ctx.settings.maxMatches,
): Promise<StudyCheckResult> {
  const { settings } = ctx;
  const checked =
    args.by === 'mrn' ? validateMrn(args.id, settings.mrn) : validateAccession(args.id, settings.accession);
  // parse() refuses these first; this guards callers that pass args directly (CLI --json, tests).
  if (!checked.ok) throw new BotError(ErrorCode.BadInput, checked.reason, { userMessage: checked.message });
  const id = checked.value;
  const sites = args.site ? [args.site] : [...ctx.connectors.keys()];
  const connectors = sites.map((site) => connectorFor(ctx, site));
  const query: StudyQuery = args.by === 'mrn' ? { patientId: id, limit: cap + 1 } : { accession: id, limit: cap + 1 };
  const answers = await Promise.allSettled(connectors.map((c) => c.findStudies(query)));
  const records: StudyRecord[] = [];
  const failures: StudyCheckResult['failures'] = [];
  let firstError: unknown;
  answers.forEach((answer, i) => {
    if (answer.status === 'rejected') {
      firstError ??= answer.reason;
      failures.push({ site: sites[i] ?? '?', code: failureCode(answer.reason) });
    } else
      for (const r of answer.value)
        if (args.by === 'mrn' ? same(r.patientId, id) : same(r.accession, id)) records.push(r);
  });
  // No site answered: a failure, not "not found" (the audit trail records it as a failed query, never as empty).
  if (failures.length === sites.length && sites.length > 0) throw firstError;
  const tooMany = records.length > cap;
  const now = new Date(ctx.now());
  return {
    by: args.by,
    found: records.length > 0,
    tooMany,
    matches: tooMany
      ? []
      : records.map((record) => ({ record, facts: studyFacts(record, now, settings.arrivingWindowMs) })),
    where: [...new Set(records.map((r) => r.site))].sort(),
    searched: sites,
    unreachable: failures.map((f) => f.site),
    failures,
    maxMatches: cap,
  };
}

/** A stable, PHI-free code for a site's failure: the PACS error code, else the error class. */
function failureCode(error: unknown): string {
  if (error instanceof PacsError) return error.pacsCode;
  if (error instanceof BotError) return error.code;
  return 'error';
}

/** `/pacs study ACC123 [site]` and `/pacs study mrn:ID [site]`. */
export const studyCheck = defineCheck({
  id: CheckId.Study,
  command: 'study',
  title: 'Study lookup',
  usage: studyUsage,
  summary:
    'Finds a study by accession or MRN on one site or all; shows date, modalities, counts, whether it is still arriving.',
  examples: ['study SYN0001', 'study SYN0001 main', 'study mrn:SYN-PAT-001'],
  args: studyArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: true,
  parse: (text, ctx) =>
    parseStudyArgument(text, {
      siteIds: ctx.connectors.keys(),
      accession: ctx.settings.accession,
      mrn: ctx.settings.mrn,
    }),
  run: findStudy,
  accessed: shownStudies,
  refused: tooManyRefusal,
  partialFailures: siteFailures,
});

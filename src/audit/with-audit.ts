import { type AuditContext, base, failureOutcome, failureReason } from './audit-context.js';
import { AuditOutcome } from './audit-events.js';
import type { AuditWriter } from './audit-log.js';

/** One study shown to the user; `StudyRecord` from `src/pacs/types.ts` fits as is. */
export interface AccessedStudy {
  patientId?: string;
  studyInstanceUid: string;
}

export interface LookupAudit<T> extends AuditContext {
  /** The studies in the result that will be shown: one 110103 record is written per patient. */
  accessed(result: T): readonly AccessedStudy[];
  /**
   * A PHI-free reason when the result is a refusal with nothing shown (more matches than may be listed): recorded
   * as a Query record with outcome 4, and no Instances Accessed record.
   */
  refused?(result: T): string | undefined;
  /**
   * PHI-free reasons for parts of the lookup that failed while others answered (one site of several timed out):
   * each becomes a Query record with outcome 8, like a lookup that failed as a whole.
   */
  partialFailures?(result: T): readonly string[];
}

/**
 * Runs a PHI lookup under audit, failing closed: the trail is written before anything is shown, and a lookup
 * whose trail cannot be written shows nothing.
 * 1. writes the Query record (110112, outcome 0 = issued) — if that fails, `run` is never called;
 * 2. runs the lookup; if it throws, writes a second Query record with outcome 8 (4 for bad input / forbidden /
 *    not found) and a PHI-free description (the error code, never its message), then rethrows; a result that is a
 *    refusal (`refused`) adds a Query record with outcome 4, a partly failed one (`partialFailures`) one with 8 each;
 * 3. writes one DICOM Instances Accessed record (110103) per patient in the result, then returns it.
 * Any failed write throws a `BotError` with code `audit_unavailable`: show nothing, say "temporarily unavailable".
 *
 * @example
 * const studies = await withAudit(audit, {
 *   actor: { userId: body.user_id, teamId: body.team_id }, source: 'slack', site: site.id, command: 'pacs.study',
 *   query: { accession }, correlationId: body.trigger_id, accessed: (found) => found,
 * }, () => connector.findStudies({ accession, limit: 6 }));
 * // only now render `studies` to the requester
 */
export async function withAudit<T>(log: AuditWriter, lookup: LookupAudit<T>, run: () => Promise<T>): Promise<T> {
  const context = base(lookup);
  await log.append({
    ...context,
    event: 'Query',
    outcome: AuditOutcome.Success,
    description: `${lookup.command} issued`,
  });
  let result: T;
  try {
    result = await run();
  } catch (error) {
    const reason = failureReason(error);
    await log.append({
      ...context,
      event: 'Query',
      outcome: failureOutcome(error),
      description: `${lookup.command} failed: ${reason}`,
    });
    throw error;
  }
  const refusal = lookup.refused?.(result);
  if (refusal !== undefined) {
    await log.append({
      ...context,
      event: 'Query',
      outcome: AuditOutcome.MinorFailure,
      description: `${lookup.command} refused: ${refusal}`,
    });
  }
  for (const failure of lookup.partialFailures?.(result) ?? []) {
    await log.append({
      ...context,
      event: 'Query',
      outcome: AuditOutcome.SeriousFailure,
      description: `${lookup.command} failed: ${failure}`,
    });
  }
  const byPatient = new Map<string | undefined, string[]>();
  for (const study of lookup.accessed(result)) {
    byPatient.set(study.patientId, [...(byPatient.get(study.patientId) ?? []), study.studyInstanceUid]);
  }
  for (const [patientId, studyUids] of byPatient) {
    await log.append({
      ...context,
      event: 'InstancesAccessed',
      outcome: AuditOutcome.Success,
      patientId,
      studyUids,
      description: `${lookup.command}: ${studyUids.length} ${studyUids.length === 1 ? 'study' : 'studies'} shown`,
    });
  }
  return result;
}

import { BotError, ErrorCode } from '../core/errors.js';
import {
  type AuditActor,
  type AuditEventTypeName,
  AuditOutcome,
  type AuditQuery,
  type AuditRecord,
  type AuditSource,
} from './audit-events.js';
import type { AuditLog } from './audit-log.js';

/** Who asked, from where, for what: shared by every record of one lookup or action. */
export interface AuditContext {
  actor: AuditActor;
  source: AuditSource;
  /** PACS site id. */
  site?: string;
  /** Check or command id, e.g. `pacs.study`. */
  command: string;
  /** The validated parameters (PHI allowed: the audit store is the protected place for them). */
  query?: AuditQuery;
  /** Slack `event_id`/`trigger_id`, or the reference id shown to the user. */
  correlationId: string;
}

/** One study shown to the user; `StudyRecord` from `src/pacs/types.ts` fits as is. */
export interface AccessedStudy {
  patientId?: string;
  studyInstanceUid: string;
}

export interface LookupAudit<T> extends AuditContext {
  /** The studies in the result that will be shown: one 110103 record is written per patient. */
  accessed(result: T): readonly AccessedStudy[];
  /**
   * A PHI-free reason when the result is a refusal with nothing shown (checklist P8: more than N matches): recorded
   * as a Query record with outcome 4, and no Instances Accessed record.
   */
  refused?(result: T): string | undefined;
  /**
   * PHI-free reasons for parts of the lookup that failed while others answered (one site of several timed out):
   * each becomes a Query record with outcome 8 (checklist U3).
   */
  partialFailures?(result: T): readonly string[];
}

/** A PHI-free reason for a failure: a stable error code or error class name, never the message. */
function failureReason(error: unknown): string {
  const pacsCode = (error as { pacsCode?: unknown } | null)?.pacsCode;
  if (typeof pacsCode === 'string' && /^pacs_[a-z_]{1,32}$/.test(pacsCode)) return pacsCode;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(code)) return code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^[A-Za-z]{1,40}Error$/.test(name) ? name : 'error';
}

function failureOutcome(error: unknown): AuditOutcome {
  const minor: string[] = [ErrorCode.BadInput, ErrorCode.Forbidden, ErrorCode.NotFound];
  return error instanceof BotError && minor.includes(error.code)
    ? AuditOutcome.MinorFailure
    : AuditOutcome.SeriousFailure;
}

function base(context: AuditContext) {
  const { actor, source, site, command, query, correlationId } = context;
  return { actor, source, site, command, query, correlationId };
}

/**
 * Runs a PHI lookup under audit, failing closed (checklist D4, U1, U3, U5):
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
export async function withAudit<T>(log: AuditLog, lookup: LookupAudit<T>, run: () => Promise<T>): Promise<T> {
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

/**
 * Records a Security Alert (110113) for rejected input or a forbidden role; no PACS call happens (checklist A1, U2, B2).
 *
 * @example
 * await securityAlert(audit, { ...context, type: 'UseOfRestrictedFunction', description: 'viewer tried pacs.retry' });
 */
export async function securityAlert(
  log: AuditLog,
  alert: AuditContext & { type?: AuditEventTypeName; outcome?: AuditOutcome; description: string },
): Promise<AuditRecord> {
  return log.append({
    ...base(alert),
    event: 'SecurityAlert',
    type: alert.type ?? 'UseOfRestrictedFunction',
    outcome: alert.outcome ?? AuditOutcome.MinorFailure,
    description: alert.description,
  });
}

/**
 * Runs a side-effecting PACS action (task retry/cancel, re-send) under audit: the record (outcome 0 = requested)
 * is written first and `run` never starts if it cannot be; a failure adds a record with outcome 8.
 *
 * @example
 * await auditedAction(audit, { ...context, event: 'ApplicationActivity', type: 'PacsTaskRetried',
 *   description: 'retry task' }, () => connector.retryTask!(taskId));
 */
export async function auditedAction<T>(
  log: AuditLog,
  action: AuditContext & { event: 'ApplicationActivity' | 'Export'; type?: AuditEventTypeName; description: string },
  run: () => Promise<T>,
): Promise<T> {
  const record = { ...base(action), event: action.event, type: action.type };
  await log.append({ ...record, outcome: AuditOutcome.Success, description: `${action.description} requested` });
  try {
    return await run();
  } catch (error) {
    const description = `${action.description} failed: ${failureReason(error)}`;
    await log.append({ ...record, outcome: failureOutcome(error), description });
    throw error;
  }
}

/**
 * Records the bot starting or stopping: Application Activity (110100) with 110120 / 110121 (checklist U4). Call it
 * after the bot is serving, and on shutdown before the stores close; `description` stays PHI-free (mode, version).
 *
 * @example await applicationActivity(audit, 'ApplicationStart', 'started in http mode')
 */
export async function applicationActivity(
  log: AuditLog,
  type: 'ApplicationStart' | 'ApplicationStop',
  description: string,
  actor: AuditActor = { userId: 'pacs-desk' },
): Promise<AuditRecord> {
  return log.append({
    event: 'ApplicationActivity',
    type,
    outcome: AuditOutcome.Success,
    actor,
    source: 'slack',
    command: type === 'ApplicationStart' ? 'app.start' : 'app.stop',
    description,
  });
}

import { type AuditContext, base, failureOutcome, failureReason } from './audit-context.js';
import {
  type AuditActor,
  type AuditEventInput,
  type AuditEventTypeName,
  AuditOutcome,
  AuditSource,
  AuditType,
} from './audit-events.js';
import type { AuditWriter } from './audit-log.js';

/**
 * Records a Security Alert (110113) for rejected input or a forbidden role; no PACS call happens. Resolves to what
 * `log.append` resolves to (nothing, for a best-effort writer that could not store it).
 *
 * @example
 * await securityAlert(audit, { ...context, type: AuditType.UseOfRestrictedFunction, description: 'viewer tried retry' });
 */
export async function securityAlert<R>(
  log: { append(event: AuditEventInput): Promise<R> },
  alert: AuditContext & { type?: AuditEventTypeName; outcome?: AuditOutcome; description: string },
): Promise<R> {
  return log.append({
    ...base(alert),
    event: 'SecurityAlert',
    type: alert.type ?? AuditType.UseOfRestrictedFunction,
    outcome: alert.outcome ?? AuditOutcome.MinorFailure,
    description: alert.description,
  });
}

/**
 * Runs a side-effecting PACS action (task retry/cancel, re-send) under audit: the record (outcome 0 = requested)
 * is written first and `run` never starts if it cannot be; a failure adds a record with outcome 8.
 *
 * @example
 * await auditedAction(audit, { ...context, event: 'ApplicationActivity', type: AuditType.PacsTaskRetried,
 *   description: 'retry task' }, () => connector.retryTask!(taskId));
 */
export async function auditedAction<T>(
  log: AuditWriter,
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
 * Records the bot starting or stopping: Application Activity (110100) with 110120 / 110121, as every start and
 * stop of the bot must be on the trail. Call it after the bot is serving, and on shutdown before the stores close;
 * `description` stays PHI-free (mode, version).
 *
 * @example await applicationActivity(audit, AuditType.ApplicationStart, 'started in http mode')
 */
export async function applicationActivity<R>(
  log: { append(event: AuditEventInput): Promise<R> },
  type: typeof AuditType.ApplicationStart | typeof AuditType.ApplicationStop,
  description: string,
  actor: AuditActor = { userId: 'pacs-desk' },
): Promise<R> {
  return log.append({
    event: 'ApplicationActivity',
    type,
    outcome: AuditOutcome.Success,
    actor,
    source: AuditSource.Slack,
    command: type === AuditType.ApplicationStart ? 'app.start' : 'app.stop',
    description,
  });
}

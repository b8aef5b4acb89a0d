import { randomUUID } from 'node:crypto';
import type { AuditActor, AuditQuery, AuditSource } from '../audit/audit-events.js';
import {
  type AuditLog,
  type AuditRecord,
  auditedAction,
  isAuditUnavailable,
  securityAlert,
  withAudit,
} from '../audit/index.js';
import { asBotError, BotError, ErrorCode } from '../core/errors.js';
import type { Role } from '../core/roles.js';
import type { CheckContext } from './checks/check-types.js';
import type { AnyPacsCheck, CheckRegistry } from './checks/registry.js';
import type { StudyRecord } from './types.js';

export interface CheckRequest {
  /** The command word after `/pacs` (or `pacs-desk pacs`). */
  command: string;
  /** The rest of the text, unparsed. */
  text: string;
  actor: AuditActor;
  role: Role;
  source: AuditSource;
  /** For side effects: true once the person pressed Confirm (the Slack layer stores what they confirmed). */
  confirmed?: boolean;
  /** Extra facts for the audit record, e.g. `{ showPhi: true }` when identifiers will be shown in full. */
  auditNote?: AuditQuery;
}

export type CheckOutcome =
  | { kind: 'unknown' }
  | { kind: 'denied'; check: AnyPacsCheck; message: string }
  | { kind: 'invalid'; check: AnyPacsCheck; message: string }
  | { kind: 'confirm'; check: AnyPacsCheck; args: unknown; description: string }
  | { kind: 'result'; check: AnyPacsCheck; args: unknown; result: unknown }
  /** `code`: a stable error code (`audit_unavailable`, `pacs_timeout`…) for logs; `message` is safe to show. */
  | { kind: 'failed'; check: AnyPacsCheck; message: string; reference: string; code: string };

/** Studies a result will show, for one Instances Accessed record per patient. */
function accessedStudies(result: unknown): StudyRecord[] {
  const r = result as { matches?: { record: StudyRecord }[]; flagged?: { record: StudyRecord }[] };
  return [...(r.matches ?? []), ...(r.flagged ?? [])].map((m) => m.record);
}

/** P8: a result with more than N matches shows nothing; the audit trail records the refusal. */
function refused(result: unknown): string | undefined {
  const r = result as { tooMany?: boolean; maxMatches?: number };
  return r.tooMany ? `more than ${r.maxMatches ?? 'N'} matches, no list shown` : undefined;
}

/** Sites that failed while others answered, by id and error code only. */
function partialFailures(result: unknown): string[] {
  const r = result as { failures?: { site: string; code: string }[] };
  return (r.failures ?? []).map((f) => `site ${f.site}: ${f.code}`);
}

/**
 * For checks that show no patient data (echo, status, queue counts): the audit trail is written when it can be,
 * and an unwritable trail does not stop them (checklist U5: non-PHI features continue).
 */
function bestEffort(log: AuditLog): AuditLog {
  return {
    ...log,
    append: (event) =>
      log.append(event).catch((error: unknown) => {
        if (isAuditUnavailable(error)) return undefined as unknown as AuditRecord;
        throw error;
      }),
  };
}

function auditQuery(args: unknown): AuditQuery {
  const query: AuditQuery = {};
  for (const [key, value] of Object.entries((args ?? {}) as Record<string, unknown>)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) query[key] = value as string | number | boolean;
  }
  return query;
}

/**
 * Runs one check for one person, the same way for Slack and the CLI: role first, then input validation
 * (both refusals write a Security Alert and call no PACS), then — for side effects — a confirmation step,
 * then the check under audit, failing closed when the audit trail cannot be written.
 */
export async function runCheck(
  deps: { registry: CheckRegistry; ctx: CheckContext; audit: AuditLog },
  request: CheckRequest,
): Promise<CheckOutcome> {
  const check = deps.registry.find(request.command);
  if (!check) return { kind: 'unknown' };
  const reference = randomUUID().slice(0, 8);
  const context = { actor: request.actor, source: request.source, command: check.id, correlationId: reference };
  // A refusal shows nothing, so it stands even when its Security Alert cannot be written.
  const alert = bestEffort(deps.audit);
  if (!deps.registry.allowed(check, request.role)) {
    await securityAlert(alert, { ...context, description: `${request.role} may not run ${check.id}` });
    return {
      kind: 'denied',
      check,
      message: `\`${check.command}\` is for PACS ${check.requiredRole === 'admin' ? 'admins' : 'associates and admins'} only.`,
    };
  }
  const parsed = check.parse(request.text, deps.ctx);
  if (!parsed.ok) {
    await securityAlert(alert, {
      ...context,
      outcome: 4,
      description: `rejected input: ${parsed.reason}/${parsed.problem}`,
    });
    return { kind: 'invalid', check, message: parsed.message };
  }
  const args = parsed.value;
  const site = (args as { site?: string }).site ?? deps.ctx.defaultSite;
  const audited = { ...context, site, query: { ...auditQuery(args), ...request.auditNote } };
  try {
    if (check.sideEffects) {
      if (!request.confirmed) {
        const description = check.describe
          ? await check.describe(deps.ctx, args)
          : { ok: true as const, text: check.title };
        if (!description.ok) return { kind: 'invalid', check, message: description.message };
        return { kind: 'confirm', check, args, description: description.text };
      }
      const type = check.id === 'pacs.job.retry' ? ('PacsTaskRetried' as const) : ('PacsTaskCancelled' as const);
      const result = await auditedAction(
        deps.audit,
        { ...audited, event: 'ApplicationActivity', type, description: check.id },
        () => check.run(deps.ctx, args),
      );
      return { kind: 'result', check, args, result };
    }
    const log = check.returnsPhi ? deps.audit : bestEffort(deps.audit);
    const result = await withAudit(log, { ...audited, accessed: accessedStudies, refused, partialFailures }, () =>
      check.run(deps.ctx, args),
    );
    return { kind: 'result', check, args, result };
  } catch (error) {
    const botError = asBotError(error);
    const message =
      botError.code === ErrorCode.Internal
        ? new BotError(ErrorCode.PacsUnavailable, botError.message).userMessage
        : botError.userMessage;
    const code = (botError as { pacsCode?: string }).pacsCode ?? botError.code;
    return { kind: 'failed', check, message: `${message} (reference ${reference})`, reference, code };
  }
}

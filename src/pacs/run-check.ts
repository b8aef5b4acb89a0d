import { randomUUID } from 'node:crypto';
import type { AuditActor, AuditQuery, AuditSource } from '../audit/audit-events.js';
import {
  type AuditLog,
  AuditOutcome,
  type AuditWriter,
  auditedAction,
  isAuditUnavailable,
  securityAlert,
  withAudit,
} from '../audit/index.js';
import { asBotError, BotError, ErrorCode } from '../core/errors.js';
import { Role } from '../core/roles.js';
import { type CheckOutcome, type OutcomeFor, widen } from './checks/check-outcome.js';
import type { CheckContext, CheckId } from './checks/check-types.js';
import type { CheckOf, CheckRegistry } from './checks/registry.js';
import { PacsError } from './http/pacs-error.js';

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

type Deps = { registry: CheckRegistry; ctx: CheckContext; audit: AuditLog };

/**
 * For checks that show no patient data (echo, status, queue counts) and for refusals: the audit trail is written
 * when it can be, and an unwritable trail does not stop them (only patient lookups fail closed).
 */
function bestEffort(log: AuditLog): AuditWriter {
  return {
    append: (event) =>
      log.append(event).catch((error: unknown) => {
        if (isAuditUnavailable(error)) return undefined;
        throw error;
      }),
  };
}

const isScalar = (entry: [string, unknown]): entry is [string, string | number | boolean] =>
  ['string', 'number', 'boolean'].includes(typeof entry[1]);

/** The scalar arguments, as the audit record's query. */
function auditQuery(args: unknown): AuditQuery {
  return typeof args === 'object' && args !== null ? Object.fromEntries(Object.entries(args).filter(isScalar)) : {};
}

function siteOf(args: unknown): string | undefined {
  return typeof args === 'object' && args !== null && 'site' in args && typeof args.site === 'string'
    ? args.site
    : undefined;
}

/**
 * Runs one check for one person, the same way for Slack and the CLI: role first, then input validation
 * (both refusals write a Security Alert and call no PACS), then — for side effects — a confirmation step,
 * then the check under audit, failing closed when the audit trail cannot be written.
 */
export async function runCheck(deps: Deps, request: CheckRequest): Promise<CheckOutcome> {
  const check = deps.registry.find(request.command);
  return check ? widen(await runFound(deps, check, request)) : { kind: 'unknown' };
}

async function runFound<Id extends CheckId>(
  deps: Deps,
  check: CheckOf<Id>,
  request: CheckRequest,
): Promise<OutcomeFor<Id>> {
  const id = check.id;
  const reference = randomUUID().slice(0, 8);
  const context = { actor: request.actor, source: request.source, command: check.id, correlationId: reference };
  // A refusal shows nothing, so it stands even when its Security Alert cannot be written.
  const alert = bestEffort(deps.audit);
  if (!deps.registry.allowed(check, request.role)) {
    await securityAlert(alert, { ...context, description: `${request.role} may not run ${check.id}` });
    return {
      kind: 'denied',
      id,
      check,
      message: `\`${check.command}\` is for PACS ${check.requiredRole === Role.Admin ? 'admins' : 'associates and admins'} only.`,
    };
  }
  const parsed = check.parse(request.text, deps.ctx);
  if (!parsed.ok) {
    await securityAlert(alert, {
      ...context,
      outcome: AuditOutcome.MinorFailure,
      description: `rejected input: ${parsed.reason}/${parsed.problem}`,
    });
    return { kind: 'invalid', id, check, message: parsed.message };
  }
  const args = parsed.value;
  const site = siteOf(args) ?? deps.ctx.defaultSite;
  const audited = { ...context, site, query: { ...auditQuery(args), ...request.auditNote } };
  try {
    if (check.sideEffects) {
      if (!request.confirmed) {
        const description = check.describe
          ? await check.describe(deps.ctx, args)
          : { ok: true as const, text: check.title };
        if (!description.ok) return { kind: 'invalid', id, check, message: description.message };
        return { kind: 'confirm', id, check, args, description: description.text };
      }
      const result = await auditedAction(
        deps.audit,
        { ...audited, event: 'ApplicationActivity', type: check.audit.type, description: check.id },
        () => check.run(deps.ctx, args),
      );
      return { kind: 'result', id, check, args, result };
    }
    const { accessed = () => [], refused, partialFailures } = check;
    const log = check.returnsPhi ? deps.audit : bestEffort(deps.audit);
    const result = await withAudit(log, { ...audited, accessed, refused, partialFailures }, () =>
      check.run(deps.ctx, args),
    );
    return { kind: 'result', id, check, args, result };
  } catch (error) {
    const botError = asBotError(error);
    const message =
      botError.code === ErrorCode.Internal
        ? new BotError(ErrorCode.PacsUnavailable, botError.message).userMessage
        : botError.userMessage;
    const code = botError instanceof PacsError ? botError.pacsCode : botError.code;
    return { kind: 'failed', id, check, message: `${message} (reference ${reference})`, reference, code };
  }
}

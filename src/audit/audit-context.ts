import { BotError, ErrorCode } from '../core/errors.js';
import { type AuditActor, AuditOutcome, type AuditQuery, type AuditSource } from './audit-events.js';

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

/** A PHI-free reason for a failure: a stable error code or error class name, never the message. */
export function failureReason(error: unknown): string {
  const pacsCode = (error as { pacsCode?: unknown } | null)?.pacsCode;
  if (typeof pacsCode === 'string' && /^pacs_[a-z_]{1,32}$/.test(pacsCode)) return pacsCode;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(code)) return code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^[A-Za-z]{1,40}Error$/.test(name) ? name : 'error';
}

/** Bad input, a forbidden role or an unknown item is a minor failure; anything else a serious one. */
export function failureOutcome(error: unknown): AuditOutcome {
  const minor: string[] = [ErrorCode.BadInput, ErrorCode.Forbidden, ErrorCode.NotFound];
  return error instanceof BotError && minor.includes(error.code)
    ? AuditOutcome.MinorFailure
    : AuditOutcome.SeriousFailure;
}

/** The fields of a context that go into every record. */
export function base(context: AuditContext) {
  const { actor, source, site, command, query, correlationId } = context;
  return { actor, source, site, command, query, correlationId };
}

import { BotError, ErrorCode } from '../../core/errors.js';

/**
 * Stable PACS error codes, carried as `pacsCode` on a BotError whose own code is the bot-wide kind of failure
 * (`not_found`, `bad_input`, `config_invalid`, else `internal`): logs and the audit trail record the PACS code.
 * Messages name the site and the request path only: never a query string (it may hold a PatientID), a credential
 * or a host.
 */
export const PacsErrorCode = {
  Unreachable: 'pacs_unreachable',
  Timeout: 'pacs_timeout',
  BadResponse: 'pacs_bad_response',
  AuthFailed: 'pacs_auth_failed',
  CircuitOpen: 'pacs_circuit_open',
  NotFound: 'pacs_not_found',
  Rejected: 'pacs_rejected',
  Unsupported: 'pacs_unsupported',
  Busy: 'pacs_busy',
} as const;
export type PacsErrorCode = (typeof PacsErrorCode)[keyof typeof PacsErrorCode];

const userMessages: Record<PacsErrorCode, string> = {
  pacs_unreachable: 'The PACS could not be reached.',
  pacs_timeout: 'The PACS did not answer in time.',
  pacs_bad_response: 'The PACS gave an answer the bot does not understand.',
  pacs_auth_failed: 'The PACS refused the bot’s credentials. An administrator has been told.',
  pacs_circuit_open: 'The PACS is failing right now; the bot paused calls to it for a short while.',
  pacs_not_found: 'The PACS does not know that item.',
  pacs_rejected: 'The PACS refused that request.',
  pacs_unsupported: 'This PACS does not support that.',
  pacs_busy: 'The PACS is busy with other requests from the bot. Please try again in a moment.',
};

const botCodes: Partial<Record<PacsErrorCode, ErrorCode>> = {
  pacs_not_found: ErrorCode.NotFound,
  pacs_rejected: ErrorCode.BadInput,
  pacs_auth_failed: ErrorCode.ConfigInvalid,
};

/** A PACS failure with a stable `pacsCode`; `status` is the HTTP status when there was one. */
export class PacsError extends BotError {
  readonly pacsCode: PacsErrorCode;
  readonly status?: number;

  constructor(pacsCode: PacsErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(botCodes[pacsCode] ?? ErrorCode.Internal, message, {
      cause: options.cause,
      userMessage: userMessages[pacsCode],
    });
    this.name = 'PacsError';
    this.pacsCode = pacsCode;
    this.status = options.status;
  }
}

/** True for failures that say "the archive is down or slow", the ones a circuit breaker counts. */
export function isOutage(error: unknown): boolean {
  return (
    error instanceof PacsError &&
    (error.pacsCode === PacsErrorCode.Unreachable ||
      error.pacsCode === PacsErrorCode.Timeout ||
      (error.pacsCode === PacsErrorCode.BadResponse && (error.status ?? 0) >= 500) ||
      error.status === 429)
  );
}

/** The archive cannot be asked right now: an outage, or its circuit breaker is open. */
export function isUnreachable(error: unknown): boolean {
  return isOutage(error) || (error instanceof PacsError && error.pacsCode === PacsErrorCode.CircuitOpen);
}

/**
 * Stable error codes. Users see `userMessage` plus a reference id; logs get the code and the cause.
 * Never put raw exception text, hostnames or patient data into `userMessage`.
 */
export const ErrorCode = {
  ConfigInvalid: 'config_invalid',
  KbUnavailable: 'kb_unavailable',
  KbIndexFailed: 'kb_index_failed',
  LlmFailed: 'llm_failed',
  LlmTimeout: 'llm_timeout',
  LlmRateLimited: 'llm_rate_limited',
  LlmQuotaExceeded: 'llm_quota_exceeded',
  LlmBudgetExhausted: 'llm_budget_exhausted',
  LlmInputTooLong: 'llm_input_too_long',
  RedactionFailed: 'redaction_failed',
  SlackFailed: 'slack_failed',
  BadInput: 'bad_input',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  StoreFailed: 'store_failed',
  AuditUnavailable: 'audit_unavailable',
  PacsUnavailable: 'pacs_unavailable',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const defaultUserMessages: Record<ErrorCode, string> = {
  config_invalid: 'The bot is misconfigured. An administrator has been told.',
  kb_unavailable: 'The knowledge base is not available right now. Please try again in a minute.',
  kb_index_failed: 'The knowledge base could not be indexed.',
  llm_failed: 'The answer service had a problem.',
  llm_timeout: 'The answer service took too long.',
  llm_rate_limited: 'The answer service is busy.',
  llm_quota_exceeded: "You have used this hour's AI answers.",
  llm_budget_exhausted: "Today's budget of AI answers is used up.",
  llm_input_too_long: 'That question is too long for the AI answer service.',
  redaction_failed: 'The question could not be checked for patient details.',
  slack_failed: 'Slack did not accept the reply.',
  bad_input: 'That input is not valid.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'Not found.',
  store_failed: 'The bot could not save that. Please try again.',
  audit_unavailable:
    'Patient lookups are temporarily unavailable (the audit trail cannot be written). Please try again later.',
  pacs_unavailable: 'The PACS is not answering right now. Please try again in a few minutes.',
  internal: 'Something went wrong on our side.',
};

export class BotError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; userMessage?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'BotError';
    this.code = code;
    this.userMessage = options.userMessage ?? defaultUserMessages[code];
  }
}

/** Wraps anything thrown into a BotError, keeping the original as `cause`. */
export function asBotError(error: unknown): BotError {
  if (error instanceof BotError) return error;
  return new BotError(ErrorCode.Internal, error instanceof Error ? error.message : String(error), { cause: error });
}

import { BotError, ErrorCode } from '../core/errors.js';

/** Stable interface-engine error codes; messages name the engine and the API path, never a host or a password. */
export const InterfaceErrorCode = {
  AuthFailed: 'engine_auth_failed',
  Timeout: 'engine_timeout',
  Unreachable: 'engine_unreachable',
  Tls: 'engine_tls',
  BadResponse: 'engine_bad_response',
} as const;
export type InterfaceErrorCode = (typeof InterfaceErrorCode)[keyof typeof InterfaceErrorCode];

const userMessages: Record<InterfaceErrorCode, string> = {
  engine_auth_failed: 'The interface engine refused the bot’s credentials. An administrator has been told.',
  engine_timeout: 'The interface engine did not answer in time.',
  engine_unreachable: 'The interface engine could not be reached.',
  engine_tls: 'The interface engine’s TLS certificate is not trusted by the bot. An administrator has been told.',
  engine_bad_response: 'The interface engine gave an answer the bot does not understand.',
};

const botCodes: Record<InterfaceErrorCode, ErrorCode> = {
  engine_auth_failed: ErrorCode.ConfigInvalid,
  engine_timeout: ErrorCode.Internal,
  engine_unreachable: ErrorCode.Internal,
  engine_tls: ErrorCode.ConfigInvalid,
  engine_bad_response: ErrorCode.Internal,
};

/** A failure reading an interface engine; `message` is the operator-facing cause (fit for OPS_CHANNEL). */
export class InterfaceError extends BotError {
  readonly engineCode: InterfaceErrorCode;
  readonly status?: number;

  constructor(code: InterfaceErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(botCodes[code], message, { cause: options.cause, userMessage: userMessages[code] });
    this.name = 'InterfaceError';
    this.engineCode = code;
    this.status = options.status;
  }
}

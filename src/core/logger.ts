import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Paths pino redacts wherever they appear. Message text, questions and answers are never logged at all
 * (listeners log lengths and ids), so these are a second line of defence for tokens and identifiers.
 */
const redactPaths = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  'text',
  '*.text',
  'question',
  'answer',
  'patientName',
  'patientId',
  'accession',
  '*.patientName',
  '*.patientId',
  '*.accession',
];

export interface LoggerOptions {
  level: string;
  /** Where lines go; tests pass a capturing stream. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'pacs-desk' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      // CR/LF inside strings are JSON-escaped by pino, so a user cannot forge a log line.
    },
    options.destination ?? pino.destination(2),
  );
}

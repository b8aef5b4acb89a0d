import { BotError } from '../../core/errors.js';

/** Task ids the bot passes into a URL path: Orthanc UUIDs, dcm4chee `Queue/123`. */
export const taskIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A short, host-free reason for `SiteStatus.problem`: the error's user message. */
export function statusProblem(error: unknown): string {
  return error instanceof BotError ? error.userMessage : 'The PACS check failed unexpectedly.';
}

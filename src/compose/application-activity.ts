import { applicationActivity } from '../audit/audit-actions.js';
import type { AuditType } from '../audit/audit-events.js';
import type { AuditLog } from '../audit/index.js';
import type { Logger } from '../core/logger.js';

/**
 * With a PACS configured, the bot's start and stop are audited (DICOM Application Activity); a failure to write
 * is logged and does not stop the bot.
 */
export async function recordActivity(
  audit: AuditLog | undefined,
  type: typeof AuditType.ApplicationStart | typeof AuditType.ApplicationStop,
  description: string,
  logger: Logger,
): Promise<void> {
  if (!audit) return;
  await applicationActivity(audit, type, description).catch((error: unknown) =>
    logger.error({ err: (error as Error).message, type }, 'could not audit application activity'),
  );
}

import type { AuditLog } from './audit-log.js';
import { isAuditUnavailable } from './audit-log.js';

/** An audit log that remembers whether its last write failed, so an unwritable trail raises an alert. */
export interface WatchedAuditLog {
  log: AuditLog;
  /** PHI-free text while the newest append failed (cleared by the next successful one), else undefined. */
  problem(): string | undefined;
}

/**
 * Wraps `log` so a failing audit store is noticed: PHI lookups already fail closed on the thrown error; this lets
 * a monitor raise an incident in OPS_CHANNEL while it lasts.
 *
 * @example
 * const watched = watchAuditLog(createAuditLog(database));
 * watched.problem(); // 'the audit trail cannot be written …' after a failed append
 */
export function watchAuditLog(log: AuditLog): WatchedAuditLog {
  let failing = false;
  return {
    log: {
      ...log,
      async append(event) {
        try {
          const record = await log.append(event);
          failing = false;
          return record;
        } catch (error) {
          if (isAuditUnavailable(error)) failing = true;
          throw error;
        }
      },
    },
    problem: () =>
      failing ? 'the audit trail cannot be written, so patient lookups are refused (check the database)' : undefined,
  };
}

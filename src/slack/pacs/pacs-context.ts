import type { AuditLog } from '../../audit/index.js';
import type { CheckContext } from '../../pacs/checks/check-types.js';
import type { CheckRegistry } from '../../pacs/checks/registry.js';
import type { PacsConnector } from '../../pacs/types.js';

/** PACS checks, when configured: built in main.ts and handed to the Slack layer. */
export interface PacsDeps {
  registry: CheckRegistry;
  ctx: CheckContext;
  audit: AuditLog;
  connectors: PacsConnector[];
  /** PHI-free text while the audit trail cannot be written; the monitor raises it as an incident. */
  auditProblem?: () => string | undefined;
  /** Scheduled queue/echo monitoring into OPS_CHANNEL (absent: off). */
  monitor?: { opsChannel: string; intervalSeconds: number; failedTasks: number; pendingMinutes: number };
}

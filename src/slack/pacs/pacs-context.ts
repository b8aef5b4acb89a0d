import type { AuditLog } from '../../audit/index.js';
import type { CheckContext } from '../../pacs/checks/check-types.js';
import type { CheckRegistry } from '../../pacs/checks/registry.js';

/** PACS checks, when configured: built by the composition root and handed to the Slack layer. */
export interface PacsDeps {
  registry: CheckRegistry;
  ctx: CheckContext;
  audit: AuditLog;
}

export * from './audit-actions.js';
export type { AuditContext } from './audit-context.js';
export * from './audit-events.js';
export { neutralise } from './audit-hash.js';
export * from './audit-health.js';
export * from './audit-log.js';
export * from './audit-verify.js';
export * from './with-audit.js';

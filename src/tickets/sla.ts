import type { SlaTargets, Urgency } from './types.js';

/**
 * When resolution is due: `createdAt` plus the urgency's target in minutes.
 *
 * @example slaDueAt('2026-01-01T00:00:00.000Z', 'stat', { stat: 60, urgent: 240, routine: 4320 })
 * // '2026-01-01T01:00:00.000Z'
 */
export function slaDueAt(createdAt: string, urgency: Urgency, targets: SlaTargets): string {
  return new Date(Date.parse(createdAt) + targets[urgency] * 60_000).toISOString();
}

import type { TicketStatus } from './types.js';

/**
 * Which status may follow which. Open tickets can be resolved or closed (duplicates, spam) from any
 * open status; `resolved` can be reopened to `in_progress` or closed; `closed` is final.
 * Resolving also requires a note (checked by the store, not here).
 */
export const statusTransitions = {
  new: ['triaged', 'in_progress', 'waiting_on_requester', 'resolved', 'closed'],
  triaged: ['in_progress', 'waiting_on_requester', 'resolved', 'closed'],
  in_progress: ['triaged', 'waiting_on_requester', 'resolved', 'closed'],
  waiting_on_requester: ['in_progress', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
} as const satisfies Record<TicketStatus, readonly TicketStatus[]>;

/**
 * Whether `from → to` is allowed. The same status is not a transition (the store treats it as a no-op).
 *
 * @example canTransition('resolved', 'in_progress') // true: a reopen
 */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return (statusTransitions[from] as readonly TicketStatus[]).includes(to);
}

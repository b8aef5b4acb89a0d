import { TicketStatus } from './types.js';

const { New, Triaged, InProgress, WaitingOnRequester, Resolved, Closed } = TicketStatus;

/**
 * Which status may follow which. Open tickets can be resolved or closed (duplicates, spam) from any
 * open status; `resolved` can be reopened to `in_progress` or closed; `closed` is final.
 * Resolving also requires a note (checked by the store, not here).
 */
export const statusTransitions = {
  [New]: [Triaged, InProgress, WaitingOnRequester, Resolved, Closed],
  [Triaged]: [InProgress, WaitingOnRequester, Resolved, Closed],
  [InProgress]: [Triaged, WaitingOnRequester, Resolved, Closed],
  [WaitingOnRequester]: [InProgress, Resolved, Closed],
  [Resolved]: [InProgress, Closed],
  [Closed]: [],
} as const satisfies Record<TicketStatus, readonly TicketStatus[]>;

/**
 * Whether `from → to` is allowed. The same status is not a transition (the store treats it as a no-op).
 *
 * @example canTransition(TicketStatus.Resolved, TicketStatus.InProgress) // true: a reopen
 */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return (statusTransitions[from] as readonly TicketStatus[]).includes(to);
}

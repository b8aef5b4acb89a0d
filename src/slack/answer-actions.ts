import type { KnownBlock } from '@slack/types';
import type { Answer } from '../answers/types.js';
import { buildOpenTicketActions, ticketOffer } from './blocks/tickets/open-ticket-actions.js';
import type { SlackDeps } from './deps.js';

/**
 * Buttons under an answer. The model cannot act: when it offered to open a ticket, the user gets the ordinary
 * "Open a ticket" button, which opens the form for them to submit under their own role.
 */
export function answerActions(deps: SlackDeps, answer: Answer, _answerId: string): KnownBlock[] {
  const offer = ticketOffer(deps, answer);
  if (offer.length === 0 && deps.tickets && answer.suggestsTicket) return [buildOpenTicketActions()];
  return offer;
}

import type { KnownBlock } from '@slack/types';
import { type Answer, AnswerMode } from '../answers/types.js';
import { buildGuideActions } from './blocks/guide-blocks.js';
import { buildOpenTicketActions, ticketOffer } from './blocks/tickets/open-ticket-actions.js';
import type { SlackDeps } from './deps.js';

/**
 * Buttons under an answer. The model cannot act: when it offered to open a ticket, the user gets the ordinary
 * "Open a ticket" button, which opens the form for them to submit under their own role. An answer from a
 * troubleshooting page gets "Next step" / "That fixed it" (its guide is kept with the answer record, so the
 * buttons carry only the answer id and a step number).
 */
export function answerActions(deps: SlackDeps, answer: Answer, answerId: string): KnownBlock[] {
  const guide =
    answer.guide && answer.mode !== AnswerMode.Abstain
      ? [buildGuideActions(answerId, answer.guide, 1, { tickets: Boolean(deps.tickets) })]
      : [];
  const offer = ticketOffer(deps, answer);
  if (offer.length === 0 && deps.tickets && answer.suggestsTicket) return [...guide, buildOpenTicketActions()];
  return [...guide, ...offer];
}

import type { KnownBlock } from '@slack/types';
import { type Answer, AnswerMode } from '../../../answers/types.js';
import type { SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';

/** The "Open a ticket" button the bot adds when it could not answer (and after a 👎). */
export function buildOpenTicketActions(): KnownBlock {
  return {
    type: 'actions',
    block_id: 'answer_ticket',
    elements: [
      {
        type: 'button',
        action_id: ActionId.OpenTicketFromAnswer,
        style: 'primary',
        text: { type: 'plain_text', text: '🎫 Open a ticket' },
      },
    ],
  };
}

/** The hook of the answer flow: when the bot could not answer and tickets are on, offer one. */
export function ticketOffer(deps: Pick<SlackDeps, 'tickets'>, answer: Answer): KnownBlock[] {
  return deps.tickets && answer.mode === AnswerMode.Abstain ? [buildOpenTicketActions()] : [];
}

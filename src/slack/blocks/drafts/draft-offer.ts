import type { KnownBlock } from '@slack/types';
import { ActionId } from '../../ids.js';

/**
 * A reaction carries no trigger_id, so 📖 cannot open a modal itself: the reactor gets this private offer, whose
 * button can. The value names the message (`channel|ts`), re-read on click.
 */
export function buildDraftOffer(
  ticketKey: string,
  channel: string,
  ts: string,
): { text: string; blocks: KnownBlock[] } {
  const text = `📖 Draft a KB answer from this reply on *${ticketKey}*?`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ActionId.DraftFromMessage,
            value: `${channel}|${ts}`,
            style: 'primary',
            text: { type: 'plain_text', text: 'Draft answer' },
          },
        ],
      },
    ],
  };
}

/** "Save as answer" on a resolved (or closed) ticket's card: drafts a KB answer from its resolution note. */
export function buildSaveAsAnswer(ticketKey: string): KnownBlock {
  return {
    type: 'actions',
    block_id: `kb_draft_ticket:${ticketKey}`,
    elements: [
      {
        type: 'button',
        action_id: ActionId.DraftFromTicket,
        value: ticketKey,
        text: { type: 'plain_text', text: '📖 Save as answer' },
      },
    ],
  };
}

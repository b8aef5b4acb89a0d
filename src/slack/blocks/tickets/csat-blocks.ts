import { ActionId } from '../../ids.js';

const scores: [number, string][] = [
  [1, '😞 1'],
  [2, '2'],
  [3, '3'],
  [4, '4'],
  [5, '😀 5'],
];

/** The rating buttons sent to the requester after resolution: `ticket_csat_<score>`, value `<key>|<score>`. */
export function buildCsatBlocks(key: string): unknown[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `How satisfied are you with how *${key}* was handled?` } },
    {
      type: 'actions',
      block_id: `csat:${key}`,
      elements: scores.map(([score, text]) => ({
        type: 'button',
        action_id: `${ActionId.Csat}_${score}`,
        value: `${key}|${score}`,
        text: { type: 'plain_text', text },
      })),
    },
  ];
}

/** Matches the action ids of the rating buttons. */
export const csatActionPattern = new RegExp(`^${ActionId.Csat}_[1-5]$`);

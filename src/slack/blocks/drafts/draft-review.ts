import type { KnownBlock } from '@slack/types';
import type { StoredDraft } from '../../../kb/drafts/draft-files.js';
import { escapeSlack, truncate } from '../../format/escape.js';
import { ActionId } from '../../ids.js';

const excerpt = (text: string, max: number) => escapeSlack(truncate(text.replace(/\s+/g, ' ').trim(), max));

function summary(draft: StoredDraft): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: `📖 KB draft: ${truncate(draft.title, 130)}` } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Question*\n${excerpt(draft.question, 600)}\n\n*Answer*\n${excerpt(draft.answer, 900)}`,
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Drafted by <@${draft.draftedBy}> from ${escapeSlack(draft.source)} · \`drafts/${draft.slug}.md\`${draft.tags.length ? ` · tags: ${escapeSlack(draft.tags.join(', '))}` : ''}`,
        },
      ],
    },
  ];
}

/** The DM a KB owner gets for a new draft: what it says, and Publish / Discard. */
export function buildDraftReview(draft: StoredDraft): { text: string; blocks: KnownBlock[] } {
  const button = (action_id: string, text: string, style: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id,
    value: draft.slug,
    style,
    text: { type: 'plain_text' as const, text },
  });
  return {
    text: `New KB answer draft: ${truncate(draft.title, 150)}`,
    blocks: [
      ...summary(draft),
      {
        type: 'actions',
        block_id: `kb_draft:${draft.slug}`,
        elements: [
          button(ActionId.DraftPublish, 'Publish', 'primary'),
          button(ActionId.DraftDiscard, 'Discard', 'danger'),
        ],
      },
    ],
  };
}

/** The same DM once decided: who did what, no buttons. */
export function buildDraftDecided(draft: StoredDraft, outcome: string): { text: string; blocks: KnownBlock[] } {
  return {
    text: `KB draft ${truncate(draft.title, 150)}: ${outcome}`,
    blocks: [...summary(draft), { type: 'section', text: { type: 'mrkdwn', text: outcome } }],
  };
}

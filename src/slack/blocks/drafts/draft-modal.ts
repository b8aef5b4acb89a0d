import type { View } from '@slack/types';
import { type DraftArticle, draftLimits, parseTags } from '../../../kb/drafts/draft-article.js';
import { CallbackId } from '../../ids.js';

export const DraftField = { Title: 'title', Question: 'question', Answer: 'answer', Tags: 'tags' } as const;

function input(blockId: string, label: string, value: string, max: number, multiline: boolean, optional = false) {
  return {
    type: 'input' as const,
    block_id: blockId,
    optional,
    label: { type: 'plain_text' as const, text: label },
    element: {
      type: 'plain_text_input' as const,
      action_id: 'value',
      multiline,
      max_length: max,
      ...(value ? { initial_value: value } : {}),
    },
  };
}

/** The draft article modal, prefilled from the ticket and already redacted; the ticket key rides in private_metadata. */
export function buildDraftModal(ticketKey: string, draft: DraftArticle): View {
  return {
    type: 'modal',
    callback_id: CallbackId.KbDraft,
    private_metadata: JSON.stringify({ key: ticketKey }),
    title: { type: 'plain_text', text: 'Draft a KB answer' },
    submit: { type: 'plain_text', text: 'Save draft' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `From ticket *${ticketKey}*. Patient identifiers were replaced with placeholders; keep it that way. A KB owner publishes it.`,
          },
        ],
      },
      input(DraftField.Title, 'Title', draft.title, draftLimits.title, false),
      input(DraftField.Question, 'Question', draft.question, draftLimits.question, true),
      input(DraftField.Answer, 'Answer', draft.answer, draftLimits.answer, true),
      input(DraftField.Tags, 'Tags (comma-separated)', draft.tags.join(', '), 200, false, true),
    ],
  };
}

type Values = Record<string, Record<string, { value?: string | null }>>;

/** The submitted fields (not yet redacted) and the ticket key. */
export function readDraftModal(values: Values, privateMetadata: string): { key: string; draft: DraftArticle } {
  const text = (block: string) => values[block]?.value?.value?.trim() ?? '';
  let key = '';
  try {
    const meta = JSON.parse(privateMetadata) as { key?: unknown };
    if (typeof meta.key === 'string' && /^[A-Z][A-Z0-9]*-\d+$/.test(meta.key)) key = meta.key;
  } catch {
    // A forged or empty private_metadata: no ticket key.
  }
  return {
    key,
    draft: {
      title: text(DraftField.Title),
      question: text(DraftField.Question),
      answer: text(DraftField.Answer),
      tags: parseTags(text(DraftField.Tags)),
    },
  };
}

import type { View } from '@slack/types';
import { BlockId, CallbackId } from '../ids.js';

export const FeedbackCategory = {
  Wrong: 'wrong',
  Outdated: 'outdated',
  NotRelevant: 'not_relevant',
  Unclear: 'unclear',
  Other: 'other',
} as const;

const labels: Record<string, string> = {
  wrong: 'The answer is wrong',
  outdated: 'It is out of date',
  not_relevant: "It didn't answer my question",
  unclear: 'It is hard to follow',
  other: 'Something else',
};

export const maxReasonChars = 1000;

/** The 👎 follow-up: what was wrong, for the knowledge-base owners. */
export function buildFeedbackModal(meta: { answerId: string; channel?: string }): View {
  return {
    type: 'modal',
    callback_id: CallbackId.FeedbackReason,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'What went wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: BlockId.FeedbackCategory,
        label: { type: 'plain_text', text: 'The answer…' },
        element: {
          type: 'radio_buttons',
          action_id: 'category',
          options: Object.entries(labels).map(([value, text]) => ({ value, text: { type: 'plain_text', text } })),
        },
      },
      {
        type: 'input',
        block_id: BlockId.FeedbackText,
        optional: true,
        label: { type: 'plain_text', text: 'Tell us more (no patient details, please)' },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: maxReasonChars },
      },
    ],
  };
}

export function feedbackCategoryLabel(value: string): string | undefined {
  return labels[value];
}

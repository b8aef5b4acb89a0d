/** Every action_id, callback_id and block_id the bot uses, in one place. */
export const ActionId = {
  FeedbackUp: 'answer_feedback_up',
  FeedbackDown: 'answer_feedback_down',
} as const;

export const CallbackId = {
  FeedbackReason: 'answer_feedback_reason',
} as const;

export const BlockId = {
  FeedbackActions: 'answer_feedback',
  FeedbackCategory: 'feedback_category',
  FeedbackText: 'feedback_text',
} as const;

export const SlashCommand = '/pacs';

import type { App } from '@slack/bolt';
import { redactPhi } from '../../../core/phi-redact.js';
import { loadAnswerRecord } from '../../answer-records.js';
import { feedbackCategoryLabel, maxReasonChars } from '../../blocks/feedback-modal.js';
import type { SlackDeps } from '../../deps.js';
import { BlockId, CallbackId } from '../../ids.js';

/** The 👎 modal's submission: validated, redacted of patient identifiers, stored with the vote. */
export function registerFeedbackReason(app: App, deps: SlackDeps): void {
  app.view(CallbackId.FeedbackReason, async ({ ack, view, body, client }) => {
    const values = view.state.values;
    const category = values[BlockId.FeedbackCategory]?.category?.selected_option?.value ?? '';
    const text = (values[BlockId.FeedbackText]?.text?.value ?? '').trim();
    const errors: Record<string, string> = {};
    if (!feedbackCategoryLabel(category)) errors[BlockId.FeedbackCategory] = 'Choose what went wrong.';
    if (category === 'other' && !text) errors[BlockId.FeedbackText] = 'Tell us what went wrong in a few words.';
    if (text.length > maxReasonChars) errors[BlockId.FeedbackText] = `Keep it under ${maxReasonChars} characters.`;
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const meta = parseMeta(view.private_metadata);
    const record = await loadAnswerRecord(deps.state, meta.answerId);
    const reason = text ? `${category}: ${redactPhi(text)}` : category;
    await deps.feedback.record({
      answerId: meta.answerId,
      userId: body.user.id,
      rating: 'down',
      reason,
      question: record?.question ?? '',
      sources: record?.sources ?? [],
      mode: record?.mode ?? 'unknown',
    });
    deps.logger.info({ answerId: meta.answerId, category }, 'answer feedback reason');
    if (meta.channel) {
      await client.chat
        .postEphemeral({
          channel: meta.channel,
          user: body.user.id,
          text: 'Thanks, the PACS team will review this answer.',
        })
        .catch(() => undefined);
    }
  });
}

function parseMeta(raw: string): { answerId: string; channel?: string } {
  try {
    const meta = JSON.parse(raw) as { answerId?: unknown; channel?: unknown };
    return {
      answerId: typeof meta.answerId === 'string' ? meta.answerId : '',
      channel: typeof meta.channel === 'string' ? meta.channel : undefined,
    };
  } catch {
    return { answerId: '' };
  }
}

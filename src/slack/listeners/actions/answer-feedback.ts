import type { App, BlockButtonAction } from '@slack/bolt';
import { loadAnswerRecord } from '../../answer-records.js';
import { buildFeedbackModal } from '../../blocks/feedback-modal.js';
import type { SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';

/** 👍 records the vote and thanks the user; 👎 records it and asks why in a modal. */
export function registerAnswerFeedback(app: App, deps: SlackDeps): void {
  const vote =
    (rating: 'up' | 'down') =>
    async (args: { body: BlockButtonAction; ack: () => Promise<void>; client: App['client'] }) => {
      const { body, ack, client } = args;
      await ack();
      const answerId = body.actions[0]?.value ?? '';
      const channel = body.channel?.id ?? body.container?.channel_id;
      let formFailed = false;
      if (rating === 'down') {
        // Open the modal first: the trigger_id expires 3 s after the click. If it cannot open (expired trigger,
        // Slack unreachable) the vote is still kept and the person is told.
        await client.views
          .open({ trigger_id: body.trigger_id, view: buildFeedbackModal({ answerId, channel }) })
          .catch((error: unknown) => {
            formFailed = true;
            deps.logger.warn({ answerId, code: slackErrorCode(error) }, 'feedback reason form could not open');
          });
      }
      const record = await loadAnswerRecord(deps.state, answerId);
      await deps.feedback.record({
        answerId,
        userId: body.user.id,
        rating,
        question: record?.question ?? '',
        sources: record?.sources ?? [],
        mode: record?.mode ?? 'unknown',
      });
      deps.logger.info({ answerId, rating, user: body.user.id }, 'answer feedback');
      // A double click is two clicks (two payloads, maybe on two replicas): the vote is stored once by its key,
      // and the thanks is said once.
      const tell =
        rating === 'up' ? await deps.dedupe.claim(`feedback-thanks:${answerId}:${body.user.id}`, 10_000) : formFailed;
      if (tell && channel) {
        await client.chat.postEphemeral({
          channel,
          user: body.user.id,
          text:
            rating === 'up'
              ? 'Thanks, noted that this answer helped.'
              : 'Thanks, noted that this answer did not help. The form to say why could not open; click 👎 again to try.',
        });
      }
    };
  app.action<BlockButtonAction>(ActionId.FeedbackUp, vote('up'));
  app.action<BlockButtonAction>(ActionId.FeedbackDown, vote('down'));
}

const slackErrorCode = (error: unknown): string | undefined =>
  (error as { data?: { error?: string } }).data?.error ?? (error as { code?: string }).code;

import type { App, BlockButtonAction } from '@slack/bolt';
import { buildTicketModal } from '../../blocks/tickets/ticket-modal.js';
import { ActionId } from '../../ids.js';
import { askedInThread } from '../../tickets/thread-question.js';

/** The button opens the ticket modal prefilled with the question and the thread so far. */
export function registerTicketFromAnswer(app: App): void {
  app.action<BlockButtonAction>(ActionId.OpenTicketFromAnswer, async ({ ack, body, client, context }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    // Open at once (the trigger lasts 3 s), then fill in the transcript.
    const opened = await client.views.open({
      trigger_id: body.trigger_id,
      view: buildTicketModal({}, { channel, ts: threadTs }),
    });
    if (!channel || !threadTs || !opened.view?.id) return;
    const { question, transcript } = await askedInThread(client, {
      channel,
      threadTs,
      botUserId: context.botUserId,
      max: 8,
    });
    await client.views
      .update({
        view_id: opened.view.id,
        hash: opened.view.hash,
        view: buildTicketModal(
          { summary: question.split('\n')[0], description: transcript },
          { channel, ts: threadTs },
        ),
      })
      .catch(() => undefined);
  });
}

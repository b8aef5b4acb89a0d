import type { App, BlockButtonAction } from '@slack/bolt';
import { loadAnswerRecord } from '../../answer-records.js';
import { buildTicketModal } from '../../blocks/tickets/ticket-modal.js';
import type { SlackDeps } from '../../deps.js';
import { parseGuideValue } from '../../guide/guide-path.js';
import { ActionId } from '../../ids.js';
import { guideTicketPrefill } from '../../tickets/guide-prefill.js';
import { askedInThread } from '../../tickets/thread-question.js';

/** "Open a ticket" at the end of a guide: the ticket form with the steps already tried in its details. */
export function registerTicketFromGuide(app: App, deps: Pick<SlackDeps, 'state'>): void {
  app.action<BlockButtonAction>(ActionId.GuideOpenTicket, async ({ ack, body, client, context }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    const origin = { channel, ts: threadTs };
    const parsed = parseGuideValue(body.actions[0]?.value);
    const guide = parsed && (await loadAnswerRecord(deps.state, parsed.answerId))?.guide;
    // Open at once (the trigger lasts 3 s) with the steps; the question is read from the thread afterwards.
    const opened = await client.views.open({
      trigger_id: body.trigger_id,
      view: buildTicketModal(parsed && guide ? guideTicketPrefill(guide, parsed.n) : {}, origin),
    });
    if (!channel || !threadTs || !opened.view?.id) return;
    const { question, transcript } = await askedInThread(client, {
      channel,
      threadTs,
      botUserId: context.botUserId,
      max: 50,
    });
    const prefill =
      parsed && guide
        ? guideTicketPrefill(guide, parsed.n, question)
        : { summary: question.split('\n')[0], description: transcript };
    await client.views
      .update({ view_id: opened.view.id, hash: opened.view.hash, view: buildTicketModal(prefill, origin) })
      .catch(() => undefined);
  });
}

import type { App, BlockButtonAction } from '@slack/bolt';
import { loadAnswerRecord } from '../../answer-records.js';
import { buildGuideStepMessage, guideGoneText, guideNote } from '../../blocks/guide-blocks.js';
import type { SlackDeps } from '../../deps.js';
import { createGuideClaims } from '../../guide/guide-claims.js';
import { parseGuideValue } from '../../guide/guide-path.js';
import { retireGuideButtons } from '../../guide/retire-guide-buttons.js';
import { ActionId } from '../../ids.js';

/** "Next step" posts the guide's next action section in the thread, once per answer and step. */
export function registerGuideNextStep(app: App, deps: SlackDeps): void {
  const claims = createGuideClaims(deps.dedupe);
  app.action<BlockButtonAction>(ActionId.GuideNextStep, async ({ ack, body, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    const parsed = parseGuideValue(body.actions[0]?.value);
    if (!channel || !threadTs) return;
    const guide = parsed && (await loadAnswerRecord(deps.state, parsed.answerId))?.guide;
    const message =
      parsed && guide && buildGuideStepMessage(parsed.answerId, guide, parsed.n, { tickets: Boolean(deps.tickets) });
    if (!parsed || !message) {
      await client.chat.postEphemeral({ channel, user: body.user.id, text: guideGoneText }).catch(() => undefined);
      return;
    }
    // A second click (the same button, or an older copy of it) finds the step already posted.
    if (!(await claims.claim(parsed.answerId, parsed.n))) return;
    try {
      await client.chat.postMessage({
        channel,
        thread_ts: threadTs,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      await claims.release(parsed.answerId, parsed.n);
      throw error;
    }
    deps.logger.info({ answerId: parsed.answerId, step: parsed.n }, 'guide step posted');
    await retireGuideButtons(client, body, guideNote(`➡️ Step ${parsed.n} is below.`));
  });
}

import type { App, BlockButtonAction } from '@slack/bolt';
import { loadAnswerRecord } from '../../answer-records.js';
import { guideGoneText, guideNote } from '../../blocks/guide-blocks.js';
import type { SlackDeps } from '../../deps.js';
import { escapeSlack } from '../../format/escape.js';
import { guideTotal, parseGuideValue, stepLabel } from '../../guide/guide-path.js';
import { retireGuideButtons } from '../../guide/retire-guide-buttons.js';
import { ActionId } from '../../ids.js';

/** "That fixed it" records which step resolved the problem and swaps the buttons for a short confirmation. */
export function registerGuideFixed(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ActionId.GuideFixed, async ({ ack, body, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const parsed = parseGuideValue(body.actions[0]?.value);
    const record = parsed && (await loadAnswerRecord(deps.state, parsed.answerId));
    const guide = record?.guide;
    if (!parsed || !record || !guide || parsed.n < 1 || parsed.n > guideTotal(guide)) {
      if (channel)
        await client.chat.postEphemeral({ channel, user: body.user.id, text: guideGoneText }).catch(() => undefined);
      return;
    }
    const { heading, cite } = stepLabel(guide, parsed.n);
    await deps.feedback.recordResolution({
      answerId: parsed.answerId,
      userId: body.user.id,
      question: record.question,
      sources: record.sources,
      mode: record.mode,
      step: parsed.n,
      total: guideTotal(guide),
      heading,
      cite,
    });
    deps.logger.info({ answerId: parsed.answerId, step: parsed.n, user: body.user.id }, 'guide resolved');
    const confirmation = `✅ <@${body.user.id}> says *${escapeSlack(heading)}* fixed it. Noted for the PACS team, thanks.`;
    // Confirmed in place; only when Slack refused the update does the person get a private note instead.
    if ((await retireGuideButtons(client, body, guideNote(confirmation))) !== 'failed') return;
    if (channel)
      await client.chat
        .postEphemeral({ channel, user: body.user.id, text: `Thanks, noted that *${escapeSlack(heading)}* fixed it.` })
        .catch(() => undefined);
  });
}

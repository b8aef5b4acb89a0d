import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { stripMention } from '../../format/escape.js';
import { replyWithAnswer } from '../../reply-with-answer.js';
import { replyWithUsage } from './usage-reply.js';

/** "@PACS Desk why is the viewer blank?" in a channel → an answer in that message's thread. */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (!event.user || event.channel.startsWith('D')) return; // DMs arrive as message.im
    const question = stripMention(event.text, context.botUserId);
    const threadTs = event.thread_ts ?? event.ts;
    if (!question) return replyWithUsage(client, event.channel, threadTs);
    await replyWithAnswer(client, deps, {
      channel: event.channel,
      threadTs,
      currentTs: event.ts,
      userId: event.user,
      teamId: context.teamId,
      botUserId: context.botUserId,
      question,
      followUp: Boolean(event.thread_ts),
    });
  });
}

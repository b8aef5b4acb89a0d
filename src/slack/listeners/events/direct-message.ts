import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { stripMention } from '../../format/escape.js';
import { replyWithAnswer } from '../../reply-with-answer.js';
import { replyWithUsage } from './usage-reply.js';

/** A question in a DM with the bot → an answer in that message's thread (the agent-messaging layout). */
export function registerDirectMessage(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, client, context }) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (!('user' in event) || !event.user || !('text' in event)) return;
    const question = stripMention(event.text ?? '', context.botUserId);
    const threadTs = ('thread_ts' in event && event.thread_ts) || event.ts;
    if (!question) return replyWithUsage(client, event.channel, threadTs);
    await replyWithAnswer(client, deps, {
      channel: event.channel,
      threadTs,
      currentTs: event.ts,
      userId: event.user,
      teamId: context.teamId,
      botUserId: context.botUserId,
      question,
      followUp: 'thread_ts' in event && Boolean(event.thread_ts),
    });
  });
}

import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { stripMention } from '../../format/escape.js';
import { replyWithAnswer } from '../../reply-with-answer.js';
import { replyWithUsage } from './usage-reply.js';

/** A question in a DM with the bot → an answer in that message's thread (the agent-messaging layout). */
export function registerDirectMessage(
  app: App,
  deps: SlackDeps,
  ticketReply?: (event: { channel: string; user: string; text: string; thread_ts?: string }) => Promise<boolean>,
): void {
  app.event('message', async ({ event, client, context }) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (!('user' in event) || !event.user || !('text' in event)) return;
    const inThread = 'thread_ts' in event && event.thread_ts ? event.thread_ts : undefined;
    // A reply in a ticket's DM thread is an answer to the PACS team, not a question for the bot.
    if (
      ticketReply &&
      (await ticketReply({ channel: event.channel, user: event.user, text: event.text ?? '', thread_ts: inThread }))
    )
      return;
    const question = stripMention(event.text ?? '', context.botUserId);
    const threadTs = inThread || event.ts;
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

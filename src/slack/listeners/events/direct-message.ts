import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { answerMessage, type QuestionMessage } from './answer-message.js';

/** A question in a DM with the bot → an answer in that message's thread (the agent-messaging layout). */
export function registerDirectMessage(
  app: App,
  deps: SlackDeps,
  ticketReply?: (message: QuestionMessage) => Promise<boolean>,
): void {
  app.event('message', async ({ event, client, context }) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (!('user' in event) || !event.user || !('text' in event)) return;
    const thread_ts = 'thread_ts' in event && event.thread_ts ? event.thread_ts : undefined;
    const message = { channel: event.channel, user: event.user, text: event.text ?? '', ts: event.ts, thread_ts };
    // A reply in a ticket's DM thread is an answer to the PACS team, not a question for the bot.
    if (ticketReply && (await ticketReply(message))) return;
    await answerMessage(client, deps, context, message);
  });
}

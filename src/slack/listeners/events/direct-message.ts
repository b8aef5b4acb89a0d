import type { App } from '@slack/bolt';
import { answerMessage } from '../../answer-message.js';
import type { SlackDeps } from '../../deps.js';
import { relayTicketDmReply } from '../../tickets/ticket-dm-replies.js';

/**
 * Message subtypes in a DM that a person typed as a question: plain messages, messages with a file
 * (a screenshot with "viewer shows this") and thread replies also sent to the conversation. Edits,
 * deletions, bot posts and `/me` emotes are not questions.
 */
const questionSubtypes = new Set<string | undefined>([undefined, 'file_share', 'thread_broadcast']);

/**
 * A DM to the bot. A reply in one of the requester's ticket threads goes to the PACS team (and only there);
 * anything else is a question, answered in that message's thread (the agent-messaging layout).
 */
export function registerDirectMessage(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, client, context }) => {
    if (event.channel_type !== 'im' || !questionSubtypes.has(event.subtype)) return;
    if (!('user' in event) || !event.user || !('text' in event)) return;
    const thread_ts = 'thread_ts' in event && event.thread_ts ? event.thread_ts : undefined;
    const files = 'files' in event && Array.isArray(event.files) ? event.files.length : 0;
    const message = { channel: event.channel, user: event.user, text: event.text ?? '', ts: event.ts, thread_ts };
    if (deps.tickets && (await relayTicketDmReply(deps.tickets, message))) return;
    await answerMessage(client, deps, context, { ...message, files });
  });
}

import type { App } from '@slack/bolt';
import { AnswerMode } from '../../../channels/channels-file.js';
import { answerMessage } from '../../answer-message.js';
import type { SlackDeps } from '../../deps.js';

/** Message subtypes a person typed as a new question: plain messages and messages with a file. */
const questionSubtypes = new Set<string | undefined>([undefined, 'file_share']);

/**
 * A channel whose answer mode is `all`: every top-level message a person posts is a question, answered without a
 * mention. Thread replies (the conversation under an answer, or under a ticket card), edits, bot posts and
 * messages that mention the bot (answered once, as an `app_mention`) are left alone.
 */
export function registerChannelQuestion(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, client, context }) => {
    if (event.channel_type !== 'channel' && event.channel_type !== 'group') return;
    if (!questionSubtypes.has(event.subtype) || 'bot_id' in event) return;
    if (!('user' in event) || !event.user || !('text' in event)) return;
    if ('thread_ts' in event && event.thread_ts) return;
    const text = event.text ?? '';
    if (context.botUserId && text.includes(`<@${context.botUserId}>`)) {
      deps.logger.debug({ channel: event.channel }, 'channel message mentions the bot: answered as app_mention');
      return;
    }
    const answer = deps.channels.settingsFor(event.channel).answer;
    if (answer !== AnswerMode.All) {
      deps.logger.debug({ channel: event.channel, answerMode: answer }, 'channel message left alone');
      return;
    }
    const files = 'files' in event && Array.isArray(event.files) ? event.files.length : 0;
    await answerMessage(client, deps, context, { channel: event.channel, user: event.user, text, ts: event.ts, files });
  });
}

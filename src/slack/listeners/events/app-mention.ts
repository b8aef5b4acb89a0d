import type { App } from '@slack/bolt';
import { AnswerMode } from '../../../channels/channels-file.js';
import { answerMessage } from '../../answer-message.js';
import type { SlackDeps } from '../../deps.js';

/** Said, to the asker alone, when the bot is mentioned in a channel set to `answer: off`. */
export const answersOffHint =
  "I don't answer questions in this channel. Send me a direct message, or ask in your team's help channel.";

/**
 * "@PACS Desk why is the viewer blank?" in a channel → an answer in that message's thread (or to the asker alone,
 * per the channel's visibility). In a channel whose answer mode is `off`, only a short hint the asker alone sees.
 */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    // Mentioned in the body of a canvas: the text is Slack's "was mentioned in a canvas", not a question,
    // and there is no message thread to answer in.
    if (event.subtype === 'document_mention') {
      deps.logger.debug({ channel: event.channel }, 'canvas mention ignored');
      return;
    }
    if (!event.user || event.channel.startsWith('D')) return; // DMs arrive as message.im
    if (deps.channels.settingsFor(event.channel).answer === AnswerMode.Off) {
      deps.logger.info({ channel: event.channel }, 'mention not answered: answers are off in this channel');
      await client.chat
        .postEphemeral({
          channel: event.channel,
          user: event.user,
          text: answersOffHint,
          ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
        })
        .catch(() => undefined);
      return;
    }
    await answerMessage(client, deps, context, { ...event, user: event.user, files: event.files?.length ?? 0 });
  });
}

import type { App } from '@slack/bolt';
import { answerMessage } from '../../answer-message.js';
import type { SlackDeps } from '../../deps.js';

/** "@PACS Desk why is the viewer blank?" in a channel → an answer in that message's thread. */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    // Mentioned in the body of a canvas: the text is Slack's "was mentioned in a canvas", not a question,
    // and there is no message thread to answer in.
    if (event.subtype === 'document_mention') {
      deps.logger.debug({ channel: event.channel }, 'canvas mention ignored');
      return;
    }
    if (!event.user || event.channel.startsWith('D')) return; // DMs arrive as message.im
    await answerMessage(client, deps, context, { ...event, user: event.user, files: event.files?.length ?? 0 });
  });
}

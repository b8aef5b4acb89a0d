import type { Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { Visibility } from '../channels/channels-file.js';
import type { SlackDeps } from './deps.js';
import { stripMention } from './format/escape.js';
import { postReply, replyWithAnswer, type ThreadQuestion } from './reply-with-answer.js';

/** Cap on a question's length: pasted logs and reports go past it, questions do not. */
export const maxQuestionChars = 4000;

export interface QuestionMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  thread_ts?: string;
  /** How many files came with the message (never opened). */
  files?: number;
}

/**
 * How a channel's answers go out (CHANNELS_CONFIG): visibility, the KB scope and, for a shared channel, no
 * identifiers. A DM is answered from the whole KB, in its thread.
 */
function delivery(deps: SlackDeps, channel: string): Pick<ThreadQuestion, 'ephemeral' | 'scope' | 'noIdentifiers'> {
  if (channel.startsWith('D')) return {};
  const settings = deps.channels.settingsFor(channel);
  return {
    ...(settings.visibility === Visibility.Ephemeral ? { ephemeral: true } : {}),
    scope: settings.kb,
    ...(settings.shared ? { noIdentifiers: true } : {}),
  };
}

/**
 * Answers a question message (mention, DM, or any question in an `answer: all` channel) in its thread, or only to
 * the asker where the channel says so; an empty one gets a usage hint, an overlong one a request to shorten it (no
 * search, no LLM), one with files a reminder about patient details.
 */
export async function answerMessage(
  client: WebClient,
  deps: SlackDeps,
  context: Context,
  message: QuestionMessage,
): Promise<void> {
  const question = stripMention(message.text, context.botUserId);
  const threadTs = message.thread_ts ?? message.ts;
  const to = {
    channel: message.channel,
    threadTs,
    userId: message.user,
    followUp: Boolean(message.thread_ts),
    ...delivery(deps, message.channel),
  };
  if (message.files) {
    deps.logger.info({ channel: message.channel, files: message.files }, 'files with a question not opened');
    await postReply(client, to, { text: fileNotice(Boolean(question)) });
    if (!question) return;
  }
  if (!question) return void (await postReply(client, to, { text: usageHint }));
  const max = maxQuestionChars;
  if (question.length > max) {
    deps.logger.info({ channel: message.channel, length: question.length, max }, 'question too long');
    await postReply(client, to, {
      text: `That message is ${question.length.toLocaleString('en-US')} characters long; I can take questions of up to ${max.toLocaleString('en-US')}. Please send just the question, without pasted logs or reports.`,
    });
    return;
  }
  await replyWithAnswer(client, deps, {
    ...to,
    currentTs: message.ts,
    teamId: context.teamId,
    botUserId: context.botUserId,
    question,
  });
}

/**
 * Sent when a question comes with files (typically a screenshot of the viewer). The bot has no files:read
 * scope and never opens, downloads or stores a file; the reminder says so and asks for words instead.
 * File names are not repeated: a screenshot is often named after the patient or the accession number.
 */
function fileNotice(hasQuestion: boolean): string {
  const next = hasQuestion
    ? 'I answered the text of your message.'
    : 'Tell me in words what you see (the error text, which viewer, which step) and I will look it up.';
  return `📎 I can't open attachments, so I only read the text. Screenshots of the viewer often show patient names, MRNs or accession numbers: please don't send images with patient details here. ${next}`;
}

/** A mention or DM with no question in it gets a one-line hint instead of a search for nothing. */
const usageHint = 'Ask me a PACS question, for example "why does the viewer say no images?" — or type `/pacs help`.';

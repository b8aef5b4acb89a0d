import type { Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from './deps.js';
import { stripMention } from './format/escape.js';
import { replyWithAnswer } from './reply-with-answer.js';

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
 * Answers a question message (mention or DM) in its thread; an empty one gets a usage hint, an overlong
 * one a request to shorten it (no search, no LLM), one with files a reminder about patient details.
 */
export async function answerMessage(
  client: WebClient,
  deps: SlackDeps,
  context: Context,
  message: QuestionMessage,
): Promise<void> {
  const question = stripMention(message.text, context.botUserId);
  const threadTs = message.thread_ts ?? message.ts;
  if (message.files) {
    deps.logger.info({ channel: message.channel, files: message.files }, 'files with a question not opened');
    await postFileNotice(client, message.channel, threadTs, Boolean(question));
    if (!question) return;
  }
  if (!question) return replyWithUsage(client, message.channel, threadTs);
  const max = maxQuestionChars;
  if (question.length > max) {
    deps.logger.info({ channel: message.channel, length: question.length, max }, 'question too long');
    await client.chat.postMessage({
      channel: message.channel,
      thread_ts: threadTs,
      text: `That message is ${question.length.toLocaleString('en-US')} characters long; I can take questions of up to ${max.toLocaleString('en-US')}. Please send just the question, without pasted logs or reports.`,
    });
    return;
  }
  await replyWithAnswer(client, deps, {
    channel: message.channel,
    threadTs,
    currentTs: message.ts,
    userId: message.user,
    teamId: context.teamId,
    botUserId: context.botUserId,
    question,
    followUp: Boolean(message.thread_ts),
  });
}

/**
 * Sent when a question comes with files (typically a screenshot of the viewer). The bot has no files:read
 * scope and never opens, downloads or stores a file; the reminder says so and asks for words instead.
 * File names are not repeated: a screenshot is often named after the patient or the accession number.
 */
async function postFileNotice(
  client: WebClient,
  channel: string,
  threadTs: string,
  hasQuestion: boolean,
): Promise<void> {
  const next = hasQuestion
    ? 'I answered the text of your message.'
    : 'Tell me in words what you see (the error text, which viewer, which step) and I will look it up.';
  await client.chat.postMessage({
    channel,
    thread_ts: threadTs,
    text: `📎 I can't open attachments, so I only read the text. Screenshots of the viewer often show patient names, MRNs or accession numbers: please don't send images with patient details here. ${next}`,
    unfurl_links: false,
    unfurl_media: false,
  });
}

/** A mention or DM with no question in it gets a one-line hint instead of a search for nothing. */
async function replyWithUsage(client: WebClient, channel: string, threadTs: string): Promise<void> {
  await client.chat.postMessage({
    channel,
    thread_ts: threadTs,
    text: 'Ask me a PACS question, for example "why does the viewer say no images?" — or type `/pacs help`.',
  });
}

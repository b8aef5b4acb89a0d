import type { Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../../deps.js';
import { stripMention } from '../../format/escape.js';
import { replyWithAnswer } from '../../reply-with-answer.js';
import { replyWithUsage } from './usage-reply.js';

export interface QuestionMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  thread_ts?: string;
}

/** Answers a question message (mention or DM) in its thread; an empty one gets a usage hint. */
export async function answerMessage(
  client: WebClient,
  deps: SlackDeps,
  context: Context,
  message: QuestionMessage,
): Promise<void> {
  const question = stripMention(message.text, context.botUserId);
  const threadTs = message.thread_ts ?? message.ts;
  if (!question) return replyWithUsage(client, message.channel, threadTs);
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

import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { AnswerMode } from '../answers/types.js';
import { asBotError } from '../core/errors.js';
import { answerActions } from './answer-actions.js';
import { saveAnswerRecord } from './answer-records.js';
import { createAnswerStreamer } from './answer-streamer.js';
import { buildAnswerFooter, buildAnswerMessage } from './blocks/answer-blocks.js';
import type { SlackDeps } from './deps.js';
import { readThreadHistory } from './thread-history.js';

export interface ThreadQuestion {
  channel: string;
  /** The thread to answer in: the question's own ts when it starts a thread. */
  threadTs: string;
  currentTs: string;
  userId: string;
  teamId?: string;
  botUserId?: string;
  question: string;
  /** True when the question is a reply inside an existing thread, so earlier turns matter. */
  followUp: boolean;
}

/**
 * The whole answering flow for a mention or a DM: a "thinking" status, the thread's earlier turns,
 * the answer (streamed when an LLM writes it), then sources and feedback buttons. Never silent: any
 * failure becomes a short apology with a reference id, and the cause goes to the log.
 */
export async function replyWithAnswer(client: WebClient, deps: SlackDeps, q: ThreadQuestion): Promise<void> {
  const log = deps.logger.child({ channel: q.channel, user: q.userId });
  try {
    await client.assistant.threads
      .setStatus({ channel_id: q.channel, thread_ts: q.threadTs, status: 'is searching the knowledge base…' })
      .catch(() => undefined);
    const history = q.followUp
      ? await readThreadHistory(client, { ...q, botUserId: q.botUserId }).catch((error: unknown) => {
          log.warn({ err: asBotError(error).message }, 'could not read thread history');
          return [];
        })
      : [];
    const streamer = deps.streaming ? createAnswerStreamer(client, q) : undefined;
    const answer = await deps.answers.answer({
      question: q.question,
      history,
      userId: q.userId,
      onDelta: streamer?.push,
    });
    const answerId = await saveAnswerRecord(deps.state, q.question, answer);
    log.info(
      { mode: answer.mode, confidence: answer.confidence, citations: answer.citations.length, answerId },
      'answered',
    );

    const actions = answerActions(deps, answer, answerId);
    const message = buildAnswerMessage(answer, answerId, actions);
    if (streamer?.started) {
      // An LLM answer that streamed to its end gets its footer; anything else (the model stalled or failed midway
      // and the quoted answer stands in) replaces the streamed text in place.
      if (answer.mode === AnswerMode.Llm && (await streamer.finish(buildAnswerFooter(answer, answerId, actions))))
        return;
      if (await streamer.replace(message)) return;
      log.warn({ answerId }, 'could not replace the streamed answer; posting it');
    }
    await client.chat.postMessage({
      channel: q.channel,
      thread_ts: q.threadTs,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    const botError = asBotError(error);
    log.error({ reference, code: botError.code, err: botError.message }, 'answer failed');
    await client.chat
      .postMessage({
        channel: q.channel,
        thread_ts: q.threadTs,
        text: `Sorry, I couldn't answer that just now. ${botError.userMessage} (reference ${reference})`,
        unfurl_links: false,
        unfurl_media: false,
      })
      .catch(() => undefined);
  }
}

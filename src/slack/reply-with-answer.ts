import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { AnswerMode } from '../answers/types.js';
import { asBotError } from '../core/errors.js';
import { recordQuestionLater } from '../feedback/record-question.js';
import type { PageScope } from '../kb/types.js';
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
  /** The channel's answer visibility is ephemeral: only the asker sees the answer (no status, no streaming). */
  ephemeral?: boolean;
  /** The channel's part of the KB; absent: the whole KB. */
  scope?: PageScope;
  /** A channel shared with other organisations: the answer is redacted of identifiers (and so not streamed). */
  noIdentifiers?: boolean;
}

/** A reply to the asker: in the thread, or (ephemeral channels) to them alone, in the thread when they asked in one. */
export function postReply(
  client: WebClient,
  q: Pick<ThreadQuestion, 'channel' | 'threadTs' | 'userId' | 'followUp' | 'ephemeral'>,
  content: { text: string; blocks?: unknown[] },
) {
  const common = { channel: q.channel, text: content.text, ...(content.blocks ? { blocks: content.blocks } : {}) };
  if (q.ephemeral)
    return client.chat.postEphemeral({ ...common, user: q.userId, ...(q.followUp ? { thread_ts: q.threadTs } : {}) });
  return client.chat.postMessage({ ...common, thread_ts: q.threadTs, unfurl_links: false, unfurl_media: false });
}

/**
 * The whole answering flow for a mention, a DM or a question in an `answer: all` channel: a "thinking" status, the
 * thread's earlier turns, the answer (streamed when an LLM writes it), then sources and feedback buttons; in an
 * ephemeral channel, only the answer, to the asker. Never silent: any failure becomes a short apology with a
 * reference id, and the cause goes to the log.
 */
export async function replyWithAnswer(client: WebClient, deps: SlackDeps, q: ThreadQuestion): Promise<void> {
  const log = deps.logger.child({ channel: q.channel, user: q.userId });
  try {
    if (!q.ephemeral)
      await client.assistant.threads
        .setStatus({ channel_id: q.channel, thread_ts: q.threadTs, status: 'is searching the knowledge base…' })
        .catch(() => undefined);
    const history = q.followUp
      ? await readThreadHistory(client, { ...q, botUserId: q.botUserId }).catch((error: unknown) => {
          log.warn({ err: asBotError(error).message }, 'could not read thread history');
          return [];
        })
      : [];
    const streamer = deps.streaming && !q.ephemeral && !q.noIdentifiers ? createAnswerStreamer(client, q) : undefined;
    const answer = await deps.answers.answer({
      question: q.question,
      history,
      userId: q.userId,
      onDelta: streamer?.push,
      ...(q.scope ? { scope: q.scope } : {}),
      ...(q.noIdentifiers ? { noIdentifiers: true } : {}),
    });
    const answerId = await saveAnswerRecord(deps.state, q.question, answer);
    recordQuestionLater(deps.feedback.questions, log, { ...q, answerId, answer });
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
    await postReply(client, q, { text: message.text, blocks: message.blocks });
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    const botError = asBotError(error);
    log.error({ reference, code: botError.code, err: botError.message }, 'answer failed');
    await postReply(client, q, {
      text: `Sorry, I couldn't answer that just now. ${botError.userMessage} (reference ${reference})`,
    }).catch(() => undefined);
  }
}

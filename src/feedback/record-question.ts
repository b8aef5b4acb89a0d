import type { Answer } from '../answers/types.js';
import { asBotError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { type QuestionLog, QuestionOutcome } from './question-log.js';

export interface AskedQuestion {
  answerId: string;
  channel?: string;
  threadTs?: string;
  userId: string;
  /** As asked; the log redacts it. */
  question: string;
  answer: Answer;
}

/**
 * Logs an answered or abstained question without holding up the reply: the write runs in the background and a
 * failure is logged with its code only (never the question).
 */
export function recordQuestionLater(log: Pick<QuestionLog, 'record'>, logger: Logger, asked: AskedQuestion): void {
  const { answer, answerId, channel, threadTs, userId, question } = asked;
  const pages = answer.citations.length > 0 ? answer.citations : answer.nearest;
  void Promise.resolve()
    .then(() =>
      log.record({
        answerId,
        ...(channel ? { channel } : {}),
        ...(threadTs ? { threadTs } : {}),
        userId,
        question,
        outcome: answer.answerable ? QuestionOutcome.Answered : QuestionOutcome.Abstained,
        mode: answer.mode,
        sources: pages.map((c) => ({ source: c.source, heading: c.heading })),
      }),
    )
    .catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      logger.warn({ answerId, code: typeof code === 'string' ? code : asBotError(error).code }, 'question not logged');
    });
}

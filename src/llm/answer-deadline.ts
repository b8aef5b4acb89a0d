import { type Clock, systemClock } from '../core/clock.js';
import { BotError, ErrorCode } from '../core/errors.js';

/** Which bound stopped the call: no first token in time, a stream that went quiet, or an answer too long overall. */
export const DeadlineReason = { FirstToken: 'first_token', Stalled: 'stalled', WholeAnswer: 'whole_answer' } as const;
export type DeadlineReason = (typeof DeadlineReason)[keyof typeof DeadlineReason];

export interface DeadlineLimits {
  /** Time to the first token, retries included; also the longest quiet gap between two tokens of a stream. */
  firstTokenMs: number;
  /** Time for the whole answer, from the question to its last token. */
  wholeAnswerMs: number;
}

export interface AnswerDeadline {
  /** Aborted when a bound is passed (or when the caller's own signal aborts). */
  readonly signal: AbortSignal;
  /** Set once a bound has been passed. */
  readonly reason: DeadlineReason | undefined;
  /** Milliseconds left before the current token deadline (the first token, or the next one of a stream). */
  remainingMs(): number;
  /** A token arrived: the wait for the first one is over, and the quiet-gap timer starts again. */
  tokenArrived(): void;
  /** The error to throw once a bound has been passed; no request content in it. */
  error(): BotError;
  dispose(): void;
}

/**
 * The time bounds of one LLM answer, as an AbortSignal for the SDK. The shared fetch's HTTP timeout is not used for
 * chat: it would cut off a healthy answer that streams for longer, and give a stalled one that whole time.
 *
 * @example const deadline = createAnswerDeadline({ firstTokenMs: 4000, wholeAnswerMs: 60000 })
 */
export function createAnswerDeadline(
  limits: DeadlineLimits,
  outer?: AbortSignal,
  now: Clock = systemClock,
): AnswerDeadline {
  const controller = new AbortController();
  let reason: DeadlineReason | undefined;
  let tokenDue = now() + limits.firstTokenMs;
  let sawToken = false;
  const stop = (why: DeadlineReason) => {
    if (controller.signal.aborted) return;
    reason = why;
    controller.abort(new BotError(ErrorCode.LlmTimeout, describe(why, limits)));
  };
  let tokenTimer = setTimeout(() => stop(DeadlineReason.FirstToken), limits.firstTokenMs);
  const answerTimer = setTimeout(() => stop(DeadlineReason.WholeAnswer), limits.wholeAnswerMs);
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });

  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    remainingMs: () => Math.max(0, tokenDue - now()),
    tokenArrived() {
      if (controller.signal.aborted) return;
      sawToken = true;
      clearTimeout(tokenTimer);
      tokenDue = now() + limits.firstTokenMs;
      tokenTimer = setTimeout(() => stop(DeadlineReason.Stalled), limits.firstTokenMs);
    },
    error: () => new BotError(ErrorCode.LlmTimeout, describe(reason ?? stalledOrFirst(sawToken), limits)),
    dispose() {
      clearTimeout(tokenTimer);
      clearTimeout(answerTimer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

function stalledOrFirst(sawToken: boolean): DeadlineReason {
  return sawToken ? DeadlineReason.Stalled : DeadlineReason.FirstToken;
}

function describe(reason: DeadlineReason, limits: DeadlineLimits): string {
  if (reason === DeadlineReason.WholeAnswer) return `LLM answer took longer than ${limits.wholeAnswerMs} ms`;
  if (reason === DeadlineReason.Stalled) return `LLM stream stalled for ${limits.firstTokenMs} ms`;
  return `LLM gave no first token within ${limits.firstTokenMs} ms`;
}

/** Waits `ms`, or rejects as soon as `signal` aborts: a retry's pause never outlives the deadline. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

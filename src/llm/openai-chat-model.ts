import OpenAI from 'openai';
import { BotError, ErrorCode } from '../core/errors.js';
import { type AnswerDeadline, createAnswerDeadline, pause } from './answer-deadline.js';
import { retryPauseMs } from './retry-policy.js';
import type { ChatMessage, ChatModel, CompleteOptions } from './types.js';

export interface ChatModelSettings {
  model: string;
  maxTokens: number;
  /** LLM_TIMEOUT_MS: to the first token (the whole response when not streamed), retries included. Default 20 s. */
  firstTokenMs?: number;
  /** LLM_ANSWER_TIMEOUT_MS: a whole streamed answer. Default 60 s. */
  wholeAnswerMs?: number;
  /** Own retries of a transient failure before any token arrived, only within the deadline (0 in tests; default). */
  retries?: number;
}

/** Chat completions through the OpenAI SDK, streaming when the caller wants deltas; bounded by its own deadlines. */
export function createOpenAiChatModel(client: OpenAI, options: ChatModelSettings): ChatModel {
  const settings = { firstTokenMs: 20_000, wholeAnswerMs: 60_000, retries: 0, ...options };
  return {
    model: settings.model,
    async complete(messages: ChatMessage[], options: CompleteOptions = {}) {
      const request = { model: settings.model, messages, temperature: 0, max_tokens: settings.maxTokens };
      const streaming = Boolean(options.onDelta);
      const deadline = createAnswerDeadline(
        {
          firstTokenMs: settings.firstTokenMs,
          wholeAnswerMs: streaming ? settings.wholeAnswerMs : settings.firstTokenMs,
        },
        options.signal,
      );
      // The SDK's own timer only runs until the response headers arrive; the deadline above bounds the rest.
      const requestOptions = { signal: deadline.signal, maxRetries: 0, timeout: settings.wholeAnswerMs };
      let streamed = false;
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            if (!options.onDelta) {
              const completion = await client.chat.completions.create(request, requestOptions);
              return completion.choices[0]?.message?.content ?? '';
            }
            const stream = await client.chat.completions.create({ ...request, stream: true }, requestOptions);
            return await readStream(stream, deadline, async (delta) => {
              streamed = true;
              await options.onDelta?.(delta);
            });
          } catch (error) {
            if (deadline.reason) throw deadline.error();
            const wait =
              streamed || attempt >= settings.retries ? undefined : retryPauseMs(error, deadline.remainingMs());
            if (wait === undefined) throw error;
            await pause(wait, deadline.signal).catch(() => {
              throw deadline.reason ? deadline.error() : error;
            });
          }
        }
      } catch (error) {
        throw toLlmError(error);
      } finally {
        deadline.dispose();
      }
    },
  };
}

type ChunkStream = AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;

/**
 * Reads a completion stream to its end. The SDK ends the iteration quietly when the request is aborted, so an
 * aborted or truncated stream (no `finish_reason`) is turned into an error here, never returned as an answer.
 */
async function readStream(stream: ChunkStream, deadline: AnswerDeadline, onDelta: (delta: string) => Promise<void>) {
  let text = '';
  let finished = false;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.finish_reason) finished = true;
    const delta = choice?.delta?.content ?? '';
    if (!delta) continue;
    deadline.tokenArrived();
    text += delta;
    await onDelta(delta);
    // Time spent posting to Slack is not the model's silence.
    deadline.tokenArrived();
  }
  if (deadline.signal.aborted) throw deadline.reason ? deadline.error() : new OpenAI.APIUserAbortError();
  if (!finished) throw new BotError(ErrorCode.LlmFailed, 'LLM stream ended before the answer was complete');
  return text;
}

/** Maps SDK failures onto stable codes; the message carries no request content. */
export function toLlmError(error: unknown): BotError {
  if (error instanceof BotError) return error;
  if (error instanceof OpenAI.RateLimitError)
    return new BotError(ErrorCode.LlmRateLimited, 'LLM rate limited (429)', { cause: error });
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) {
    return new BotError(ErrorCode.LlmTimeout, 'LLM timed out', { cause: error });
  }
  const status = error instanceof OpenAI.APIError ? error.status : undefined;
  const kind = error instanceof Error ? error.constructor.name : typeof error;
  return new BotError(ErrorCode.LlmFailed, `LLM call failed (${status ? `HTTP ${status}` : kind})`, { cause: error });
}

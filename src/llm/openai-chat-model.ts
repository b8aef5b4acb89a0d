import OpenAI from 'openai';
import { BotError, ErrorCode } from '../core/errors.js';
import type { ChatMessage, ChatModel, CompleteOptions } from './types.js';

/** Chat completions through the OpenAI SDK, streaming when the caller wants deltas. */
export function createOpenAiChatModel(client: OpenAI, settings: { model: string; maxTokens: number }): ChatModel {
  return {
    model: settings.model,
    async complete(messages: ChatMessage[], options: CompleteOptions = {}) {
      const request = { model: settings.model, messages, temperature: 0, max_tokens: settings.maxTokens };
      try {
        if (!options.onDelta) {
          const completion = await client.chat.completions.create(request, { signal: options.signal });
          return completion.choices[0]?.message?.content ?? '';
        }
        const stream = await client.chat.completions.create({ ...request, stream: true }, { signal: options.signal });
        let text = '';
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content ?? '';
          if (delta) {
            text += delta;
            await options.onDelta(delta);
          }
        }
        return text;
      } catch (error) {
        throw toLlmError(error);
      }
    },
  };
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

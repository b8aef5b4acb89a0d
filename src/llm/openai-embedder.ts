import type OpenAI from 'openai';
import { type Clock, systemClock } from '../core/clock.js';
import { BotError, ErrorCode } from '../core/errors.js';
import type { Embedder } from '../kb/types.js';
import { pause } from './answer-deadline.js';
import { toLlmError } from './openai-chat-model.js';
import { retryPauseMs } from './retry-policy.js';

export interface EmbedderSettings {
  /** Budget of a question's embedding, retry included; past it the search goes lexical. */
  queryTimeoutMs?: number;
  /** Own retries: one for a question (within its budget), `retries` for index batches. 0 in tests. */
  retries?: number;
  /** After a question's embedding times out, questions skip embeddings this long (a slow server stays slow). */
  cooldownMs?: number;
  /** For the question budget and the cooldown; default `systemClock`. */
  now?: Clock;
}

/** A question's embedding may take a quarter of the answer's first-token deadline, between 250 ms and 2 s. */
export function queryEmbeddingBudgetMs(firstTokenMs: number): number {
  return Math.min(2000, Math.max(250, Math.round(firstTokenMs / 4)));
}

/**
 * Embeddings for the hybrid retriever; the KB caches vectors on disk, so a restart re-embeds nothing. A question's
 * embedding (`{ query: true }`) is bounded by `queryTimeoutMs`, so a slow embedder never delays the
 * answer past its deadline: the KB falls back to lexical search when this throws.
 */
export function createOpenAiEmbedder(client: OpenAI, model: string, settings: EmbedderSettings = {}) {
  const queryTimeoutMs = settings.queryTimeoutMs ?? 2000;
  const retries = settings.retries ?? 0;
  const cooldownMs = settings.cooldownMs ?? 30_000;
  const now = settings.now ?? systemClock;
  let pausedUntil = 0;

  async function embedQuery(texts: string[]) {
    if (now() < pausedUntil) throw new BotError(ErrorCode.LlmTimeout, 'query embeddings paused after a timeout');
    const controller = new AbortController();
    const due = now() + queryTimeoutMs;
    const timer = setTimeout(() => controller.abort(), queryTimeoutMs);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await client.embeddings.create(
            { model, input: texts },
            { signal: controller.signal, maxRetries: 0, timeout: queryTimeoutMs },
          );
        } catch (error) {
          const wait =
            controller.signal.aborted || attempt >= Math.min(retries, 1) ? undefined : retryPauseMs(error, due - now());
          if (wait === undefined) throw error;
          await pause(wait, controller.signal).catch(() => {
            throw error;
          });
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      pausedUntil = now() + cooldownMs;
      throw new BotError(ErrorCode.LlmTimeout, `query embedding took longer than ${queryTimeoutMs} ms`);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    model,
    async embed(texts: string[], options: { query?: boolean } = {}) {
      try {
        const query = options.query === true;
        const response = query
          ? await embedQuery(texts)
          : await client.embeddings.create({ model, input: texts }, { maxRetries: retries });
        return [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      } catch (error) {
        throw toLlmError(error);
      }
    },
  } satisfies Embedder;
}

import type { Config } from '../config.js';
import { createFetch, type FetchLike } from '../core/http.js';
import type { Embedder } from '../kb/types.js';
import type { ChatModel } from '../llm/types.js';

/** The OpenAI SDK loads only when an LLM is configured: it is not needed offline. */
export async function createLlmModels(
  llm: NonNullable<Config['llm']>,
  baseFetch: FetchLike | undefined,
  retries: number,
): Promise<{ chat: ChatModel; embedder?: Embedder }> {
  const [{ createOpenAiClient }, { createOpenAiChatModel }, { createOpenAiEmbedder, queryEmbeddingBudgetMs }] =
    await Promise.all([
      import('../llm/openai-client.js'),
      import('../llm/openai-chat-model.js'),
      import('../llm/openai-embedder.js'),
    ]);
  // Not HTTP_TIMEOUT_MS: it would cut off a healthy answer streaming for longer. The chat model bounds its own
  // answers (first token, quiet gaps, whole answer); this is only a backstop a little past the whole-answer bound.
  const fetch = createFetch({ timeoutMs: llm.answerTimeoutMs + 5000, baseFetch });
  const client = createOpenAiClient({
    apiKey: llm.apiKey,
    baseUrl: llm.baseUrl,
    timeoutMs: llm.timeoutMs,
    maxRetries: 0,
    fetch,
  });
  return {
    chat: createOpenAiChatModel(client, {
      model: llm.model,
      maxTokens: llm.maxTokens,
      firstTokenMs: llm.timeoutMs,
      wholeAnswerMs: llm.answerTimeoutMs,
      retries: Math.min(retries, 1),
    }),
    embedder: llm.embeddingModel
      ? createOpenAiEmbedder(client, llm.embeddingModel, {
          queryTimeoutMs: queryEmbeddingBudgetMs(llm.timeoutMs),
          retries,
        })
      : undefined,
  };
}

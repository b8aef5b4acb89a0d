import { join } from 'node:path';
import { type AnswerService, createAnswerService } from './answers/answer-service.js';
import { type Config, packageRoot } from './config.js';
import { createFetch, type FetchLike } from './core/http.js';
import type { Logger } from './core/logger.js';
import { createDatabase } from './db/create-database.js';
import { createFeedbackStore } from './feedback/feedback-store.js';
import { createKnowledgeBase } from './kb/index.js';
import type { Embedder, KnowledgeBase } from './kb/types.js';
import { loadPrompt } from './llm/prompts.js';
import type { ChatModel } from './llm/types.js';
import { createStateStore } from './state/create-state-store.js';
import { createEventDedupe } from './state/event-dedupe.js';
import { createTicketStore } from './tickets/ticket-store.js';

export interface ComposeOptions {
  logger: Logger;
  /**
   * Overrides for tests: the base fetch (nock intercepts the global one anyway) and LLM retries (our own, within
   * the deadline: one for an answer or a question's embedding, `llmMaxRetries` for index batches; 0 turns all off).
   */
  baseFetch?: FetchLike;
  llmMaxRetries?: number;
}

/** The domain side of the bot, with no Slack in it: shared by the Slack app and the CLI. */
export interface Core {
  config: Config;
  fetch: FetchLike;
  kb: KnowledgeBase;
  answers: AnswerService;
  close(): Promise<void>;
}

/** Builds the knowledge base and the answer service (with the LLM when configured). */
export async function composeCore(config: Config, options: ComposeOptions): Promise<Core> {
  const fetch = createFetch({ timeoutMs: config.httpTimeoutMs, baseFetch: options.baseFetch });
  const models = config.llm
    ? await createLlmModels(config.llm, options.baseFetch, options.llmMaxRetries ?? 2)
    : undefined;
  const kb = await createKnowledgeBase({
    dir: config.kb.dir,
    exclude: config.kb.exclude,
    cacheDir: join(config.dataDir, 'embeddings'),
    embedder: models?.embedder,
    watch: config.kb.watch,
    logger: options.logger.child({ component: 'kb' }),
  });
  const llm = models ? { chat: models.chat, prompt: loadPrompt(join(packageRoot, 'prompts'), 'kb-answer') } : undefined;
  const answers = createAnswerService({
    kb,
    llm,
    logger: options.logger.child({ component: 'answers' }),
    linkAllowlist: config.answers?.linkAllowlist,
    questionsPerHour: config.answers?.questionsPerHour,
    questionsPerDay: config.answers?.questionsPerDay,
  });
  return { config, fetch, kb, answers, close: () => kb.close() };
}

/** The OpenAI SDK loads only when an LLM is configured: it is not needed offline. */
async function createLlmModels(
  llm: NonNullable<Config['llm']>,
  baseFetch: FetchLike | undefined,
  retries: number,
): Promise<{ chat: ChatModel; embedder?: Embedder }> {
  const [{ createOpenAiClient }, { createOpenAiChatModel }, { createOpenAiEmbedder, queryEmbeddingBudgetMs }] =
    await Promise.all([
      import('./llm/openai-client.js'),
      import('./llm/openai-chat-model.js'),
      import('./llm/openai-embedder.js'),
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

/** Stores the Slack side needs: state (keyv), dedupe, and the database with feedback. */
export async function composeStores(config: Config, logger?: Logger) {
  const state = await createStateStore({ dataDir: config.dataDir, redisUrl: config.redisUrl });
  const database = await createDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onConnectionLost: (error) => logger?.warn({ code: (error as { code?: string }).code }, 'database connection lost'),
  });
  return {
    state,
    dedupe: createEventDedupe(state),
    feedback: createFeedbackStore(database),
    database,
    tickets: createTicketStore(database, {
      slaTargets: config.tickets.slaMinutes,
      outbox: config.helpdesk.system !== 'none',
    }),
    async close() {
      await database.close();
      await state.disconnect();
    },
  };
}

import { join } from 'node:path';
import { type AnswerService, createAnswerService } from '../answers/answer-service.js';
import { type ChannelDirectory, createChannelDirectory } from '../channels/channel-directory.js';
import { watchChannelsFile } from '../channels/watch-channels.js';
import { type Config, packageRoot } from '../config.js';
import { createFetch, type FetchLike } from '../core/http.js';
import type { Logger } from '../core/logger.js';
import { createKnowledgeBase } from '../kb/index.js';
import type { WatchableKnowledgeBase } from '../kb/knowledge-base.js';
import { loadPrompt } from '../llm/prompts.js';
import { createLlmModels } from './compose-llm.js';

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
  /** The one outbound fetch (timeouts, proxy and CA settings), injected into Slack, LLM and PACS clients. */
  fetch: FetchLike;
  kb: WatchableKnowledgeBase;
  answers: AnswerService;
  /** Per-channel settings and ticket queues (`CHANNELS_CONFIG`, reloaded when the file changes). */
  channels: ChannelDirectory;
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
  const channels = createChannelDirectory(config.channels.parsed, config.tickets);
  const siteIds = config.pacs.sites.map((site) => site.id);
  const logger = options.logger.child({ component: 'channels' });
  const stopWatching = config.channels.file
    ? watchChannelsFile(config.channels.file, process.cwd(), channels, siteIds, logger)
    : () => {};
  return {
    config,
    fetch,
    kb,
    answers,
    channels,
    close: async () => {
      stopWatching();
      await kb.close();
    },
  };
}

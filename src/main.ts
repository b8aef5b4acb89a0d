import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { RetryOptions } from '@slack/web-api';
import type { ComposeOptions } from './compose.js';
import { type Config, ConfigError, loadConfig, readDotEnv, SlackMode } from './config.js';
import { isEntryPoint } from './core/entry-point.js';
import { asBotError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import type { Workspace, WorkspaceOptions } from './devtools/workspace/index.js';

export interface RunningDesk {
  /** The bot's own HTTP port (Slack events, /healthz, /readyz). */
  port: number;
  /** Set in local-workspace mode: the page to open in a browser. */
  workspaceUrl?: string;
  /** Set in local-workspace mode: the workspace itself, for tests and scripts. */
  workspace?: Workspace;
  stop(): Promise<void>;
}

export interface StartOptions extends ComposeOptions {
  slackRetry?: RetryOptions;
  workspace?: Partial<WorkspaceOptions>;
  /** Called as soon as the local workspace page answers, before the bot has finished starting. */
  onWorkspaceReady?: (url: string) => void;
}

/**
 * Composition root. With Slack tokens: serves Slack (HTTP or Socket Mode). Without: starts the local
 * Slack workspace and wires the unchanged bot to it over loopback HTTP, signed like Slack.
 * The workspace starts first and the heavy modules load after it, so the page opens at once; requests
 * sent while the bot is still starting wait for it.
 */
export async function startPacsDesk(config: Config, options: StartOptions): Promise<RunningDesk> {
  const { logger } = options;
  let ready = false;
  let slack = config.slack;
  let workspace: Workspace | undefined;
  if (slack.mode === SlackMode.Workspace) {
    const { createWorkspace } = await import('./devtools/workspace/index.js');
    const botToken = options.workspace?.botToken ?? `xoxb-local-${randomBytes(12).toString('hex')}`;
    const signingSecret = options.workspace?.signingSecret ?? randomBytes(16).toString('hex');
    workspace = await createWorkspace({
      dataDir: config.dataDir,
      port: config.workspacePort,
      host: '127.0.0.1',
      waitForBotMs: 60_000,
      ...options.workspace,
      signingSecret,
      botToken,
    });
    options.onWorkspaceReady?.(workspace.url);
    slack = {
      ...slack,
      mode: SlackMode.Http,
      botToken,
      signingSecret,
      apiUrl: workspace.apiUrl,
      port: 0,
      host: '127.0.0.1',
    };
  }
  const [{ composeCore, composeStores }, { createSlackApp }] = await Promise.all([
    import('./compose.js'),
    import('./slack/create-slack-app.js'),
  ]);
  const core = await composeCore(config, options);
  const stores = await composeStores(config);
  const bot = createSlackApp({
    slack,
    fetch: core.fetch,
    retryConfig: options.slackRetry,
    deps: {
      ...stores,
      answers: core.answers,
      logger,
      streaming: Boolean(config.llm),
      isReady: () => ready,
      reindex: () => core.kb.reindex(),
      home: () => ({
        documents: core.kb.stats().documents,
        indexedAt: core.kb.stats().indexedAt,
        llm: Boolean(config.llm),
      }),
    },
  });
  const { port } = await bot.start().catch(async (error: unknown) => {
    await Promise.allSettled([bot.stop(), workspace?.stop(), core.close(), stores.close()]);
    throw error;
  });
  workspace?.setBotEventsUrl(`http://127.0.0.1:${port}/slack/events`);
  ready = true;
  logger.info(
    { mode: config.slack.mode, port, kb: core.kb.stats().documents, llm: Boolean(config.llm) },
    'PACS Desk started',
  );
  return {
    port,
    workspaceUrl: workspace?.url,
    workspace,
    async stop() {
      ready = false;
      await bot.stop();
      await workspace?.stop();
      await core.close();
      await stores.close();
    },
  };
}

/** `npm start`: reads .env and the environment, starts, and stops cleanly on SIGINT/SIGTERM. */
export async function runFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(readDotEnv(resolve('.env'), env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`PACS Desk cannot start.\n${error.message}\nSee the configuration table in README.md.`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  try {
    const desk = await startPacsDesk(config, {
      logger,
      onWorkspaceReady: (url) => process.stdout.write(`\nPACS Desk local Slack workspace: ${url}\n\n`),
    });
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      desk.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    const botError = asBotError(error);
    logger.fatal({ code: botError.code, err: botError.message }, 'startup failed');
    console.error(`PACS Desk cannot start: ${botError.userMessage}`);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) {
  await runFromEnvironment();
}

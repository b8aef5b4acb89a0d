import { resolve } from 'node:path';
import { AuditType } from './audit/audit-events.js';
import type { DeskOptions } from './compose/compose-desk.js';
import { type Config, ConfigError, loadConfig, readDotEnv, SlackMode } from './config.js';
import type { Clock } from './core/clock.js';
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

export interface StartOptions extends DeskOptions {
  workspace?: Partial<WorkspaceOptions>;
  /** Called as soon as the local workspace page answers, before the bot has finished starting. */
  onWorkspaceReady?: (url: string) => void;
  /** Clock for the Slack signature window; tests inject one. Default: the system clock. */
  requestClock?: Clock;
  /** Overrides SHUTDOWN_GRACE_MS. */
  shutdownGraceMs?: number;
}

/**
 * Starts the bot: loadConfig → (local workspace) → composeDesk → createSlackApp → start. Heavy modules load
 * after the workspace page answers; requests sent while the bot is still starting wait for it.
 */
export async function startPacsDesk(initialConfig: Config, options: StartOptions): Promise<RunningDesk> {
  const { logger } = options;
  const local =
    initialConfig.slack.mode === SlackMode.Workspace
      ? await (await import('./compose/local-workspace.js')).startLocalWorkspace(initialConfig, {
          workspace: options.workspace,
          onReady: options.onWorkspaceReady,
        })
      : undefined;
  const config = local?.config ?? initialConfig;
  if (config.plainHttp.length > 0)
    logger.warn({ settings: config.plainHttp }, 'ALLOW_PLAINTEXT_HTTP: these hops are not encrypted by the bot');
  const [{ composeDesk }, { createSlackApp }, { stopAll }, { recordActivity }] = await Promise.all([
    import('./compose/compose-desk.js'),
    import('./slack/create-slack-app.js'),
    import('./compose/background.js'),
    import('./compose/application-activity.js'),
  ]);
  const desk = await composeDesk(config, options).catch(async (error: unknown) => {
    await local?.workspace.stop();
    throw error;
  });
  const bot = createSlackApp({
    slack: config.slack,
    clients: desk.slack,
    deps: desk.slackDeps,
    readinessProbes: desk.readiness,
    requestClock: options.requestClock,
    shutdownGraceMs: options.shutdownGraceMs ?? config.shutdownGraceMs,
    inbox: desk.inbox,
  });
  const { port } = await bot.start().catch(async (error: unknown) => {
    await Promise.allSettled([bot.stop(), local?.workspace.stop(), desk.close()]);
    throw error;
  });
  local?.workspace.setBotEventsUrl(`http://127.0.0.1:${port}/slack/events`);
  for (const task of desk.background) task.start();
  await recordActivity(
    desk.pacs?.audit,
    AuditType.ApplicationStart,
    `started (${initialConfig.slack.mode} mode)`,
    logger,
  );
  desk.setReady(true);
  logger.info(
    { mode: initialConfig.slack.mode, port, kb: desk.core.kb.stats().documents, llm: Boolean(config.llm) },
    'PACS Desk started',
  );
  // Order matters: the bot drains first (in-flight answers still post to Slack and write to the stores), then the
  // background work and the workspace stop, then the stores checkpoint and close.
  const stop = async () => {
    desk.setReady(false);
    await bot.stop();
    for (const failed of await stopAll(desk.background))
      logger.warn({ task: failed.name, err: (failed.error as Error).message }, 'background task did not stop cleanly');
    await recordActivity(desk.pacs?.audit, AuditType.ApplicationStop, 'stopped', logger);
    await local?.workspace.stop();
    await desk.close();
    logger.info('PACS Desk stopped');
  };
  let stopping: Promise<void> | undefined;
  return {
    port,
    workspaceUrl: local?.workspace.url,
    workspace: local?.workspace,
    stop() {
      stopping ??= stop();
      return stopping;
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
    let signalled = false;
    const shutdown = (signal: string) => {
      // A second signal means "now": exit without waiting for the grace.
      if (signalled) process.exit(1);
      signalled = true;
      logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
      setTimeout(() => process.exit(1), (config.shutdownGraceMs ?? 10_000) + 5000).unref();
      desk.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
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

import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { RetryOptions } from '@slack/web-api';
import type { AuditLog } from './audit/index.js';
import type { ComposeOptions } from './compose.js';
import { type Config, ConfigError, loadConfig, readDotEnv, SlackMode } from './config.js';
import { isEntryPoint } from './core/entry-point.js';
import { asBotError } from './core/errors.js';
import type { FetchLike } from './core/http.js';
import { createLogger, type Logger } from './core/logger.js';
import { checkpointDatabase, databaseAnswers } from './db/db-probe.js';
import type { Workspace, WorkspaceOptions } from './devtools/workspace/index.js';
import type { DeadLetter } from './tickets/outbox/outbox-relay-types.js';

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
  /** Clock for SLA clocks and reminders; tests pass a fixed one. */
  now?: () => Date;
  /** Extra attempts of idempotent PACS reads (default 2; tests pass 0). */
  pacsRetries?: number;
  /** Called as soon as the local workspace page answers, before the bot has finished starting. */
  onWorkspaceReady?: (url: string) => void;
  /** Clock (ms) for the Slack signature window; tests inject one. Default Date.now. */
  requestClock?: () => number;
  /** Overrides SHUTDOWN_GRACE_MS. */
  shutdownGraceMs?: number;
}

/**
 * Composition root. With Slack tokens: serves Slack (HTTP or Socket Mode). Without: starts the local
 * Slack workspace and wires the unchanged bot to it over loopback HTTP, signed like Slack.
 * The workspace starts first and the heavy modules load after it, so the page opens at once; requests
 * sent while the bot is still starting wait for it.
 */
export async function startPacsDesk(initialConfig: Config, options: StartOptions): Promise<RunningDesk> {
  let config = initialConfig;
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
    config = withLocalWorkspaceDefaults(
      config,
      (await import('./devtools/workspace/defaults.js')).localWorkspaceDefaults,
    );
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
  if (config.plainHttp.length > 0)
    logger.warn({ settings: config.plainHttp }, 'ALLOW_PLAINTEXT_HTTP: these hops are not encrypted by the bot');
  const core = await composeCore(config, options);
  const stores = await composeStores(config, logger);
  // Dead-lettered helpdesk rows are announced where admins work (OPS_CHANNEL, else the triage channel) once the
  // bot can post; ids and HTTP status only.
  let alertAdmins: ((text: string) => Promise<void>) | undefined;
  const helpdesk = await startHelpdeskSync(config, stores, core.fetch, logger, (dead) =>
    alertAdmins?.(deadLetterAlert(dead)),
  );
  const pacs =
    config.pacs.sites.length > 0
      ? (await import('./pacs/compose-pacs.js')).composePacs(config.pacs, {
          fetch: core.fetch,
          database: stores.database,
          monitor: config.monitor,
          retries: options.pacsRetries,
        })
      : undefined;
  const bot = createSlackApp({
    slack,
    fetch: core.fetch,
    retryConfig: options.slackRetry,
    requestClock: options.requestClock,
    shutdownGraceMs: options.shutdownGraceMs ?? config.shutdownGraceMs,
    // /readyz: started, the database answers, the knowledge base has an index. Names and states only.
    readinessProbes: {
      started: () => ready,
      database: () => databaseAnswers(stores.database),
      knowledgeBase: () => core.kb.stats().chunks > 0,
    },
    deps: {
      ...stores,
      roleSettings: config.roles,
      tickets: {
        store: stores.tickets,
        triageChannel: config.tickets.triageChannel,
        oncallGroup: config.tickets.oncallGroup,
        reminderUntouchedMinutes: config.tickets.reminderUntouchedMinutes,
        reminderIntervalSeconds: config.tickets.reminderIntervalSeconds,
      },
      now: options.now,
      pacs,
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
    await Promise.allSettled([bot.stop(), workspace?.stop(), helpdesk?.stop(), core.close(), stores.close()]);
    throw error;
  });
  workspace?.setBotEventsUrl(`http://127.0.0.1:${port}/slack/events`);
  const alertChannel = config.monitor.opsChannel ?? config.tickets.triageChannel;
  if (alertChannel) alertAdmins = (text) => bot.postAlert(alertChannel, text);
  if (pacs) await recordActivity(pacs.audit, 'ApplicationStart', `started (${config.slack.mode} mode)`, logger);
  ready = true;
  logger.info(
    { mode: config.slack.mode, port, kb: core.kb.stats().documents, llm: Boolean(config.llm) },
    'PACS Desk started',
  );
  let stopping: Promise<void> | undefined;
  // Order matters: the bot drains first (in-flight answers still post to Slack and write to the stores),
  // then the relay and the workspace stop, then the stores checkpoint and close.
  const stop = async () => {
    ready = false;
    await bot.stop();
    await helpdesk?.stop();
    if (pacs) await recordActivity(pacs.audit, 'ApplicationStop', 'stopped', logger);
    await workspace?.stop();
    await core.close();
    await checkpointDatabase(stores.database).catch((error: unknown) =>
      logger.warn({ err: (error as Error).message }, 'WAL checkpoint at shutdown failed'),
    );
    await stores.close();
    logger.info('PACS Desk stopped');
  };
  return {
    port,
    workspaceUrl: workspace?.url,
    workspace,
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

/** Against the local workspace, tickets and roles use its seeded channel and groups unless set. */
function withLocalWorkspaceDefaults(
  config: Config,
  d: { TRIAGE_CHANNEL: string; ROLE_ASSOCIATE_GROUP: string; ROLE_ADMIN_GROUP: string; ONCALL_GROUP: string },
): Config {
  return {
    ...config,
    tickets: {
      ...config.tickets,
      triageChannel: config.tickets.triageChannel ?? d.TRIAGE_CHANNEL,
      oncallGroup: config.tickets.oncallGroup ?? d.ONCALL_GROUP,
    },
    roles: {
      ...config.roles,
      associateGroup: config.roles.associateGroup ?? d.ROLE_ASSOCIATE_GROUP,
      adminGroup: config.roles.adminGroup ?? d.ROLE_ADMIN_GROUP,
    },
  };
}

/** With a helpdesk configured, the outbox relay pushes ticket changes to it until stopped. */
async function startHelpdeskSync(
  config: Config,
  stores: Awaited<ReturnType<typeof import('./compose.js').composeStores>>,
  fetch: FetchLike,
  logger: Logger,
  onDeadLetter: (dead: DeadLetter) => Promise<void> | undefined,
) {
  if (config.helpdesk.system === 'none') return undefined;
  const [{ createHelpdeskAdapter }, { createOutboxRelay }] = await Promise.all([
    import('./tickets/helpdesk/create-helpdesk-adapter.js'),
    import('./tickets/outbox/outbox-relay.js'),
  ]);
  const adapter = createHelpdeskAdapter(config.helpdesk, fetch);
  if (!adapter) return undefined;
  const relay = createOutboxRelay({
    database: stores.database,
    store: stores.tickets,
    adapter,
    logger: logger.child({ component: 'helpdesk' }),
    onDeadLetter,
  });
  relay.start(config.helpdesk.syncSeconds * 1000);
  return relay;
}

/** The Slack text for a helpdesk change the relay gave up on: ids, kind and status only, and what to do. */
function deadLetterAlert(dead: DeadLetter): string {
  const why = dead.status ? `HTTP ${dead.status}` : 'rejected';
  return `:warning: ${dead.system} sync gave up on the ${dead.kind} of ${dead.ticketKey} (${why}). Fix the cause, then run \`pacs-desk tickets redrive\`.`;
}

/** U4: bot start and stop are audited (110100); a failure is logged and does not stop the bot. */
async function recordActivity(
  audit: AuditLog,
  type: 'ApplicationStart' | 'ApplicationStop',
  description: string,
  logger: Logger,
): Promise<void> {
  const { applicationActivity } = await import('./audit/with-audit.js');
  await applicationActivity(audit, type, description).catch((error: unknown) =>
    logger.error({ err: (error as Error).message, type }, 'could not audit application activity'),
  );
}

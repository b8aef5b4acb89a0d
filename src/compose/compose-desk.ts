import type { Config } from '../config.js';
import { type Clock, systemClock } from '../core/clock.js';
import { checkpointDatabase, databaseAnswers } from '../db/db-probe.js';
import type { SlackDeps } from '../slack/deps.js';
import type { ReadinessProbe } from '../slack/front/readiness.js';
import { createRoleResolver } from '../slack/roles/role-resolver.js';
import { createSlackClients, type SlackClients, type SlackRetryOptions } from '../slack/slack-clients.js';
import { createTicketContext } from '../slack/tickets/create-ticket-context.js';
import { startReminders } from '../slack/tickets/reminders.js';
import { type BackgroundTask, timerTask } from './background.js';
import { type ComposeOptions, type Core, composeCore } from './compose-core.js';
import type { ComposedPacs } from './compose-pacs.js';
import { composeStores, type Stores } from './compose-stores.js';
import { helpdeskSyncTask } from './helpdesk-sync.js';
import { pacsMonitorTask } from './pacs-monitor-task.js';

export interface DeskOptions extends ComposeOptions {
  /** The clock for everything: SLA clocks, reminders, role caches, check results, the monitor. Tests fix it. */
  now?: Clock;
  /** Web API retries; tests use few and short ones. */
  slackRetry?: SlackRetryOptions;
  /** Extra attempts of idempotent PACS reads (default 2; tests pass 0). */
  pacsRetries?: number;
}

/** Everything the bot is made of, built once from the configuration. */
export interface Desk {
  core: Core;
  stores: Stores;
  pacs?: ComposedPacs;
  slack: SlackClients;
  slackDeps: SlackDeps;
  /** /readyz probes beside `started`: the database answers, the knowledge base has an index. Names only. */
  readiness: Record<string, ReadinessProbe>;
  /** Helpdesk relay, PACS monitor and ticket reminders, as configured. */
  background: BackgroundTask[];
  /** Marks the desk ready (or not) for /readyz and the listeners. */
  setReady(ready: boolean): void;
  /** Closes the knowledge base and the stores; call after the Slack app and the background work stopped. */
  close(): Promise<void>;
}

/**
 * The composition root's one function: config in, the bot's parts out. `main.ts` hands `slackDeps` to the Slack
 * app; the CLI composes the same parts it needs (`composeCore`, `composeStores`, `composePacs`).
 */
export async function composeDesk(config: Config, options: DeskOptions): Promise<Desk> {
  const { logger } = options;
  const now = options.now ?? systemClock;
  const core = await composeCore(config, options);
  const stores = await composeStores(config, { logger, now }).catch(async (error: unknown) => {
    await core.close();
    throw error;
  });
  const pacs =
    config.pacs.sites.length > 0
      ? (await import('./compose-pacs.js')).composePacs(config.pacs, {
          fetch: core.fetch,
          database: stores.database,
          now,
          retries: options.pacsRetries,
        })
      : undefined;
  const slack = createSlackClients({ slack: config.slack, fetch: core.fetch, logger, retryConfig: options.slackRetry });
  const roles = createRoleResolver(slack.botClient, config.roles, logger, now);
  const tickets = createTicketContext({
    settings: config.tickets,
    store: stores.tickets,
    client: slack.botClient,
    roles,
    state: stores.state,
    dedupe: stores.dedupe,
    pacs,
    logger,
    now,
  });
  const alertChannel = config.monitor.opsChannel ?? config.tickets.triageChannel;
  const background = [
    await helpdeskSyncTask({
      config,
      stores,
      fetch: core.fetch,
      logger,
      now,
      alert: async (text) => (alertChannel ? slack.postAlert(alertChannel, text) : undefined),
    }),
    pacsMonitorTask({
      monitor: config.monitor,
      pacs,
      state: stores.state,
      post: async (channel, text) =>
        void (await slack.botClient.chat.postMessage({ channel, text, unfurl_links: false })),
      logger,
      now,
    }),
    timerTask('ticket-reminders', () =>
      startReminders(tickets, {
        intervalMs: config.tickets.reminderIntervalSeconds * 1000,
        untouchedMinutes: config.tickets.reminderUntouchedMinutes,
      }),
    ),
  ].filter((task) => task !== undefined);
  let ready = false;
  const slackDeps: SlackDeps = {
    state: stores.state,
    dedupe: stores.dedupe,
    feedback: stores.feedback,
    roles,
    tickets,
    pacs,
    answers: core.answers,
    logger,
    streaming: Boolean(config.llm),
    now,
    isReady: () => ready,
    reindex: () => core.kb.reindex(),
    home: () => ({
      documents: core.kb.stats().documents,
      indexedAt: core.kb.stats().indexedAt,
      llm: Boolean(config.llm),
    }),
  };
  return {
    core,
    stores,
    pacs,
    slack,
    slackDeps,
    readiness: {
      database: () => databaseAnswers(stores.database),
      knowledgeBase: () => core.kb.stats().chunks > 0,
    },
    background,
    setReady: (value) => {
      ready = value;
    },
    async close() {
      await core.close();
      await checkpointDatabase(stores.database).catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'WAL checkpoint at shutdown failed'),
      );
      await stores.close();
    },
  };
}

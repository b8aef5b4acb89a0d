import type { Config } from '../config.js';
import { type Clock, systemClock } from '../core/clock.js';
import { draftSettingsFrom } from '../kb/drafts/draft-settings.js';
import type { SlackDeps } from '../slack/deps.js';
import type { ReadinessProbe } from '../slack/front/readiness.js';
import type { SlackClients, SlackRetryOptions } from '../slack/slack-clients.js';
import { createTicketContext } from '../slack/tickets/create-ticket-context.js';
import type { BackgroundTask } from './background.js';
import type { ComposedCluster } from './compose-cluster.js';
import { type ComposeOptions, type Core, composeCore } from './compose-core.js';
import { type ComposedInbox, composeInbox } from './compose-inbox.js';
import type { ComposedPacs } from './compose-pacs.js';
import { composeShared } from './compose-shared.js';
import { composeSlackSide } from './compose-slack-side.js';
import type { Stores } from './compose-stores.js';
import { interfacesFor } from './interfaces-engine.js';
import { kbGapsHome } from './kb-gaps-home.js';
import { leaderTask } from './leader-tasks.js';
import { scheduledWork } from './scheduled-work.js';

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
  /** Where every Slack event, command and interaction is admitted before it is acknowledged (for the Slack app). */
  inbox: ComposedInbox;
  /** Claims, leases and the fan-out bus the replicas share. */
  cluster: ComposedCluster;
  /**
   * /readyz probes beside `started`: the database and the cluster tables answer, Redis answers PING (with
   * REDIS_URL), the knowledge base has an index. Names only.
   */
  readiness: Record<string, ReadinessProbe>;
  /** One task, `leader`: runs `scheduled` while this replica holds the scheduled-work lease. */
  background: BackgroundTask[];
  /** Helpdesk relay, PACS monitor and ticket reminders, as configured; started and stopped by the leader task. */
  scheduled: readonly BackgroundTask[];
  /** Marks the desk ready (or not) for /readyz and the listeners. */
  setReady(ready: boolean): void;
  /**
   * Closes the knowledge base, the bus, the single-instance lease and the stores; call after the Slack app and
   * the background work stopped.
   */
  close(): Promise<void>;
}

/**
 * The composition root's one function: config in, the bot's parts out. `main.ts` hands `slackDeps` to the Slack
 * app; the CLI composes the same parts it needs (`composeCore`, `composeStores`, `composePacs`).
 */
export async function composeDesk(config: Config, options: DeskOptions): Promise<Desk> {
  const { logger } = options;
  const now = options.now ?? systemClock;
  // Stores and the SQLite guard first: a second process on the same DATA_DIR stops before it indexes the KB.
  const shared = await composeShared(config, { logger, now });
  const { stores, cluster } = shared;
  const core = await composeCore(config, options).catch(async (error: unknown) => {
    await shared.close();
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
  const { slack, roles, fanOut } = composeSlackSide(config, {
    core,
    cluster,
    logger,
    now,
    slackRetry: options.slackRetry,
  });
  const tickets = createTicketContext({
    settings: config.tickets,
    store: stores.tickets,
    client: slack.botClient,
    roles,
    state: stores.state,
    dedupe: stores.dedupe,
    pacs,
    channels: core.channels,
    logger,
    now,
  });
  const scheduled = await scheduledWork({
    config,
    core,
    stores,
    pacs,
    slack,
    tickets,
    claims: cluster.claims,
    logger,
    now,
  });
  const leader = leaderTask(scheduled, {
    backend: cluster.backend,
    replicaId: cluster.replicaId,
    leaseMs: config.cluster.leaderLeaseMs,
    logger,
    now,
  });
  let ready = false;
  const slackDeps: SlackDeps = {
    state: stores.state,
    dedupe: stores.dedupe,
    feedback: stores.feedback,
    roles,
    tickets,
    pacs,
    answers: core.answers,
    channels: core.channels,
    drafts: draftSettingsFrom(config),
    kbGaps: kbGapsHome(config, {
      client: slack.botClient,
      roles,
      database: stores.database,
      kb: core.kb,
      logger,
      now,
    }),
    logger,
    streaming: Boolean(config.llm),
    now,
    isReady: () => ready,
    reindex: () => fanOut.reindex(),
    interfaces: interfacesFor(config, core.fetch, now),
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
    cluster,
    inbox: composeInbox(config, { stores, cluster, logger, now }),
    readiness: { ...shared.readiness, knowledgeBase: () => core.kb.stats().chunks > 0 },
    background: [leader],
    scheduled,
    setReady: (value) => {
      ready = value;
    },
    async close() {
      fanOut.close();
      await core.close();
      await shared.close();
    },
  };
}

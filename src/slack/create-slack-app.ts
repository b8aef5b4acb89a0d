import type { AddressInfo } from 'node:net';
import { App, type AuthorizeResult, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { BotError, ErrorCode } from '../core/errors.js';
import type { FetchLike } from '../core/http.js';
import { startPacsMonitor } from '../pacs/monitors/pacs-monitor.js';
import { toBoltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { createInflight } from './front/inflight.js';
import { type ReadinessProbe, runReadiness } from './front/readiness.js';
import { createTokenHealth } from './front/token-health.js';
import { createHttpFront } from './http-front.js';
import { registerListeners } from './listeners/index.js';
import type { PacsDeps } from './pacs/pacs-context.js';
import { createRoleResolver } from './roles/role-resolver.js';
import { startReminders } from './tickets/reminders.js';
import type { TicketContext } from './tickets/ticket-context.js';
import { createTicketFlows } from './tickets/ticket-flows.js';
import { createTicketNotifier } from './tickets/ticket-notifier.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  fetch: FetchLike;
  deps: SlackDeps;
  /** Web API retries; tests use few and short ones. */
  retryConfig?: RetryOptions;
  /** Probes for /readyz (started, database, knowledge base); the Slack token's probe is added here. */
  readinessProbes?: Record<string, ReadinessProbe>;
  /** How long stop() waits for in-flight answers and checks (default 10 s). */
  shutdownGraceMs?: number;
  /** Clock (ms) for the Slack signature window; tests inject one. */
  requestClock?: () => number;
}

export interface SlackBot {
  app: App;
  /** Listens (HTTP) or connects (Socket Mode); resolves with the HTTP port. */
  start(): Promise<{ port: number; botUserId?: string }>;
  stop(): Promise<void>;
  /** Posts an operational alert (no PHI) to a channel with the bot token; failures are logged, not thrown. */
  postAlert(channel: string, text: string): Promise<void>;
}

/** Builds the Bolt app for HTTP mode or Socket Mode; the token is checked with auth.test at start. */
export function createSlackApp(options: SlackAppOptions): SlackBot {
  const { slack, deps } = options;
  const logger = toBoltLogger(deps.logger);
  // Every Slack client's fetch watches for a revoked/invalid token (R10): readiness fails, the process stays up.
  const tokenHealth = createTokenHealth({
    fetch: options.fetch,
    authTest: () => botClient.auth.test(),
    onDead: () =>
      deps.logger.error(
        { code: 'slack_token_dead' },
        'Slack rejected the bot token; /readyz fails until it is replaced',
      ),
  });
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    fetch: tokenHealth.fetch,
    retryConfig: options.retryConfig ?? { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
  };
  const receiver =
    slack.mode === 'socket'
      ? new SocketModeReceiver({ appToken: slack.appToken ?? '', logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({
          signingSecret: slack.signingSecret ?? '',
          // The HTTP front verifies signature and window over the raw bytes before Bolt sees a request.
          signatureVerification: false,
          endpoints: '/slack/events',
          logger,
          processBeforeResponse: false,
          bodyLimit: slack.bodyLimitBytes,
        });
  // Our own authorize instead of `token`: Bolt would otherwise fire auth.test from its constructor and
  // leave a bad token as an unhandled rejection. One auth.test, awaited in start(), cached afterwards.
  let identity: Promise<AuthorizeResult> | undefined;
  const authorize = (): Promise<AuthorizeResult> => {
    identity ??= app.client.auth
      .test({ token: slack.botToken })
      .then((r) => ({ botToken: slack.botToken, botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }))
      .catch((error: unknown) => {
        identity = undefined;
        throw error;
      });
    return identity;
  };
  const app = new App({ authorize, logger, clientOptions, receiver });
  app.error(async (error) => {
    deps.logger.error(
      { code: (error as { code?: string }).code, err: error.message },
      'unhandled Slack listener error',
    );
  });
  // Counts listener chains still running after the ack (processBeforeResponse is off), for shutdown.
  const inflight = createInflight();
  // Events still running, by event_id: if the grace runs out, their dedupe claims are released so
  // Slack's retry (to this bot after a restart, or another instance) is answered rather than skipped.
  const runningEvents = new Map<string, number>();
  app.use(async ({ body, next }) => {
    const done = inflight.begin();
    const eventId = (body as { event_id?: unknown }).event_id;
    const id = typeof eventId === 'string' ? eventId : undefined;
    if (id) runningEvents.set(id, (runningEvents.get(id) ?? 0) + 1);
    try {
      await next();
    } finally {
      done();
      if (id) {
        const left = (runningEvents.get(id) ?? 1) - 1;
        if (left > 0) runningEvents.set(id, left);
        else runningEvents.delete(id);
      }
    }
  });
  // A client with the bot token for work outside a request (notifications, reminders, role lookups).
  const botClient = new WebClient(slack.botToken, { ...clientOptions, logger });
  // The role cache's clock follows the bot's (tests move it past ROLE_CACHE_SECONDS).
  const clock = deps.now;
  const roles = createRoleResolver(botClient, deps.roleSettings, deps.logger, () =>
    (clock ? clock() : new Date()).getTime(),
  );
  const tickets = deps.tickets ? createTicketContext(deps, botClient, roles) : undefined;
  registerListeners(app, deps, { roles, tickets });
  // Our app holds only a bot token: a tokens_revoked naming bot tokens, or an uninstall, ends it.
  app.event('tokens_revoked', async ({ event }) => {
    if ((event.tokens?.bot ?? []).length > 0) tokenHealth.markDead();
  });
  app.event('app_uninstalled', async () => tokenHealth.markDead());
  let stopReminders: (() => void) | undefined;
  let stopMonitor: (() => void) | undefined;
  // One HTTP server in both modes: Slack's requests (HTTP mode only), /healthz and /readyz.
  const front = createHttpFront({
    boltListener: receiver instanceof HTTPReceiver ? receiver.requestListener : undefined,
    signingSecret: slack.signingSecret,
    allow: { teamIds: slack.allowedTeamIds ?? [], appId: slack.appId },
    bodyLimitBytes: slack.bodyLimitBytes,
    readiness: () => runReadiness({ started: deps.isReady, ...options.readinessProbes, slackToken: tokenHealth.probe }),
    inflight,
    now: options.requestClock,
    logger: deps.logger,
  });
  const { server } = front;
  const graceMs = options.shutdownGraceMs ?? 10_000;
  return {
    app,
    async start() {
      const auth = await authorize().catch((error: unknown) => {
        throw new BotError(ErrorCode.ConfigInvalid, `Slack rejected SLACK_BOT_TOKEN (${(error as Error).message})`, {
          cause: error,
          userMessage: 'Check SLACK_BOT_TOKEN (and SLACK_API_URL, if set): Slack did not accept the token.',
        });
      });
      if (receiver instanceof SocketModeReceiver) await receiver.start();
      if (deps.pacs?.monitor) stopMonitor = startMonitor(deps, deps.pacs, botClient);
      if (tickets && deps.tickets) {
        stopReminders = startReminders(tickets, {
          intervalMs: deps.tickets.reminderIntervalSeconds * 1000,
          untouchedMinutes: deps.tickets.reminderUntouchedMinutes,
        });
      }
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(slack.port, slack.host, resolve);
      });
      return { port: (server.address() as AddressInfo).port, botUserId: auth.botUserId };
    },
    async postAlert(channel, text) {
      await botClient.chat
        .postMessage({ channel, text, unfurl_links: false, unfurl_media: false })
        .catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'alert post failed'));
    },
    async stop() {
      // Graceful: refuse new work (503, Slack retries), let answers and checks in flight finish within
      // the grace, then close. Callers close the stores after this resolves.
      front.beginShutdown();
      stopReminders?.();
      stopMonitor?.();
      const drained = await inflight.idle(graceMs);
      if (!drained) {
        const unfinished = [...runningEvents.keys()];
        await Promise.allSettled(unfinished.map((id) => deps.dedupe.release(id)));
        deps.logger.warn(
          { inflight: inflight.count, graceMs, releasedEventClaims: unfinished.length },
          'shutdown grace ran out with work in flight',
        );
      }
      if (receiver instanceof SocketModeReceiver) await receiver.stop();
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function createTicketContext(deps: SlackDeps, client: WebClient, roles: TicketContext['roles']): TicketContext {
  const settings = deps.tickets as NonNullable<SlackDeps['tickets']>;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'tickets' });
  const notifier = createTicketNotifier({
    client,
    store: settings.store,
    state: deps.state,
    triageChannel: settings.triageChannel,
    logger,
    now,
  });
  const flows = createTicketFlows({ store: settings.store, notifier, client, logger });
  return {
    store: settings.store,
    flows,
    notifier,
    roles,
    state: deps.state,
    dedupe: deps.dedupe,
    logger,
    triageChannel: settings.triageChannel,
    oncallGroup: settings.oncallGroup,
    pacs: deps.pacs,
    now,
  };
}

/** Queue and echo monitoring into OPS_CHANNEL; incident state survives restarts in the state store. */
function startMonitor(deps: SlackDeps, pacs: PacsDeps, client: WebClient): () => void {
  const monitor = pacs.monitor as NonNullable<PacsDeps['monitor']>;
  const key = (k: string) => `incident:${k}`;
  return startPacsMonitor(
    {
      connectors: pacs.connectors,
      state: {
        get: async (k) => (await deps.state.get<{ since: string; summary: string }>(key(k))) ?? undefined,
        set: async (k, v) => void (await deps.state.set(key(k), v)),
        delete: async (k) => void (await deps.state.delete(key(k))),
      },
      thresholds: { failedTasks: monitor.failedTasks, pendingMinutes: monitor.pendingMinutes },
      auditProblem: pacs.auditProblem,
      post: async (text) =>
        void (await client.chat.postMessage({ channel: monitor.opsChannel, text, unfurl_links: false })),
      logger: deps.logger.child({ component: 'pacs-monitor' }),
      now: deps.now ?? (() => new Date()),
    },
    monitor.intervalSeconds * 1000,
  );
}

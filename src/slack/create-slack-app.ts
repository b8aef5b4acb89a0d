import type { AddressInfo } from 'node:net';
import { App, type AuthorizeResult, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { createInbox, type Inbox } from '../cluster/inbox.js';
import { memoryInboxBackend } from '../cluster/inbox-backends/memory.js';
import { inboxSweeper } from '../cluster/inbox-sweeper.js';
import type { SlackConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import { BotError, ErrorCode } from '../core/errors.js';
import { toBoltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { type ReadinessProbe, runReadiness } from './front/readiness.js';
import { createHttpFront } from './http-front.js';
import { InboxUnavailableError, withInbox } from './inbox/inbox-receiver.js';
import { registerListeners } from './listeners/index.js';
import type { SlackClients } from './slack-clients.js';

export interface SlackAppOptions {
  slack: SlackConfig;
  clients: SlackClients;
  deps: SlackDeps;
  /** Probes for /readyz (database, knowledge base); `started` and the Slack token's probe are added here. */
  readinessProbes?: Record<string, ReadinessProbe>;
  /** How long stop() waits for in-flight answers and checks (default 10 s). */
  shutdownGraceMs?: number;
  /** Clock for the Slack signature window; tests inject one. */
  requestClock?: Clock;
  /**
   * The inbox every event, command and interaction is admitted to before it is acknowledged, shared by the
   * replicas (see src/slack/inbox/inbox-receiver.ts); `sweepMs`: how often this replica takes over work whose
   * replica died. Default: an in-process inbox (deduplication only; nothing survives the process).
   */
  inbox?: { inbox: Inbox; leaseMs: number; sweepMs: number; prune?: () => Promise<number> };
}

export interface SlackBot {
  app: App;
  /** Listens (HTTP) or connects (Socket Mode); resolves with the HTTP port. */
  start(): Promise<{ port: number; botUserId?: string }>;
  stop(): Promise<void>;
}

/**
 * The Bolt app for HTTP mode or Socket Mode, behind one HTTP front (Slack's requests in HTTP mode, /healthz,
 * /readyz). Everything it serves comes in `deps`, built by the composition root; the token is checked with
 * auth.test at start.
 */
export function createSlackApp(options: SlackAppOptions): SlackBot {
  const { slack, deps, clients } = options;
  const logger = toBoltLogger(deps.logger);
  const { clientOptions, tokenHealth } = clients;
  const inboxSettings = options.inbox ?? {
    inbox: createInbox(memoryInboxBackend(), { owner: 'local', leaseMs: 60_000 }),
    leaseMs: 60_000,
    sweepMs: 60_000,
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
          // Work this replica could not claim (its store is down) gets 503: Slack retries it later, maybe elsewhere.
          processEventErrorHandler: async (args) => {
            if (!(args.error instanceof InboxUnavailableError) || args.response.headersSent)
              return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
            args.response.writeHead(503, { 'retry-after': '5' });
            args.response.end();
            return false;
          },
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
  const inboxed = withInbox(receiver, { ...inboxSettings, logger: deps.logger });
  const sweeper = inboxSweeper({
    inbox: inboxSettings.inbox,
    replay: inboxed.replay,
    everyMs: inboxSettings.sweepMs,
    prune: inboxSettings.prune,
    logger: deps.logger,
  });
  const app = new App({ authorize, logger, clientOptions, receiver: inboxed.receiver });
  app.error(async (error) => {
    deps.logger.error(
      { code: (error as { code?: string }).code, err: error.message },
      'unhandled Slack listener error',
    );
  });
  registerListeners(app, deps);
  // Our app holds only a bot token: a tokens_revoked naming bot tokens, or an uninstall, ends it.
  app.event('tokens_revoked', async ({ event }) => {
    if ((event.tokens?.bot ?? []).length > 0) tokenHealth.markDead();
  });
  app.event('app_uninstalled', async () => tokenHealth.markDead());
  const front = createHttpFront({
    boltListener: receiver instanceof HTTPReceiver ? receiver.requestListener : undefined,
    signingSecret: slack.signingSecret,
    allow: { teamIds: slack.allowedTeamIds ?? [], appId: slack.appId },
    bodyLimitBytes: slack.bodyLimitBytes,
    readiness: () => runReadiness({ started: deps.isReady, ...options.readinessProbes, slackToken: tokenHealth.probe }),
    inflight: inboxed.inflight,
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
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(slack.port, slack.host, resolve);
      });
      sweeper.start();
      return { port: (server.address() as AddressInfo).port, botUserId: auth.botUserId };
    },
    async stop() {
      // Graceful: refuse new work (503, Slack retries), let answers and checks in flight finish within
      // the grace, then close. Callers stop the background work and close the stores after this resolves.
      front.beginShutdown();
      inboxed.close();
      await sweeper.stop();
      const drained = await inboxed.inflight.idle(graceMs);
      if (!drained) {
        const abandoned = await inboxed.abandonRunning();
        deps.logger.warn(
          { inflight: inboxed.inflight.count, graceMs, handedOver: abandoned },
          'shutdown grace ran out with work in flight; its inbox leases end now, so another replica (or the next start) finishes it',
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

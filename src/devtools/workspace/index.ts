import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../core/clock.js';
import type { Ctx } from './context.js';
import { Delivery } from './delivery.js';
import { APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID } from './ids.js';
import { RateLimiter } from './rate-limit.js';
import { createWorkspaceServer } from './server.js';
import { SocketModeHub } from './socket-mode.js';
import { MessageStore, openDb } from './store.js';
import { Triggers } from './triggers.js';
import type { DeliveryRecord, MessageFilter, StoredMessage, ViewRecord, WorkspaceOptions } from './types.js';
import { ViewStore } from './view-store.js';
import { Waiters } from './waiters.js';
import type { ApiCall } from './web-api/index.js';

export { signSlackRequest } from './signing.js';
export type { DeliveryRecord, MessageFilter, StoredMessage, ViewRecord, WorkspaceOptions } from './types.js';
export type { ApiCall } from './web-api/index.js';

/** A running local Slack workspace (see docs in this folder's README section of the report). */
export interface Workspace {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `${url}/api/`: the bot's SLACK_API_URL. */
  apiUrl: string;
  botUserId: string;
  botId: string;
  teamId: string;
  setBotEventsUrl(url: string): void;
  /** Open Socket Mode connections (needs `appToken`); while there are any, deliveries use them. */
  socketConnections(): number;
  /** Sends Slack's `disconnect` message to every Socket Mode client; they reconnect via apps.connections.open. */
  disconnectSockets(reason?: string): void;
  /** Resolves on an already-stored or future matching message; rejects on timeout (default 10 s) with context. */
  waitForMessage(filter: MessageFilter, options?: { timeoutMs?: number }): Promise<StoredMessage>;
  /** Resolves when the user has an open modal (with that callback_id). */
  waitForView(filter: { user: string; callback_id?: string }, options?: { timeoutMs?: number }): Promise<ViewRecord>;
  /** Re-sends a stored event with `x-slack-retry-num`; returns the bot's HTTP status. */
  redeliver(eventId: string, retryNum: number, reason?: string): Promise<number>;
  /** Delivery outcomes, newest first. */
  deliveries(): DeliveryRecord[];
  /** Web API calls the bot made, oldest first (last 1000). */
  calls(method?: string): ApiCall[];
  stop(): Promise<void>;
}

/**
 * Starts the local Slack workspace: Web API + Events API + test API + web page on one loopback port,
 * state in `${dataDir}/workspace.sqlite`.
 *
 * @example
 * const ws = await createWorkspace({ dataDir, signingSecret: 's', botToken: 'xoxb-test' });
 * // bot: SLACK_API_URL=ws.apiUrl; then ws.setBotEventsUrl('http://127.0.0.1:3000/slack/events')
 */
export async function createWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const now = options.now ?? systemClock;
  const db = openDb(options.dataDir, now());
  let botEventsUrl = options.botEventsUrl;
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const rate = options.rateLimit ?? { perSecond: 1, burst: 5 };
  const socketMode = new SocketModeHub({
    appId: APP_ID,
    now,
    onConnect: () => ctx.delivery.urlChanged(),
    queueLimit: options.socketQueueLimit,
  });
  const ctx: Ctx = {
    url: '',
    now,
    db,
    messages: new MessageStore(db, now),
    views: new ViewStore(db, now),
    triggers: new Triggers(db, now, options.triggerTtlMs ?? 3000),
    delivery: new Delivery({
      db,
      now,
      signingSecret: options.signingSecret,
      getUrl: () => botEventsUrl,
      ackTimeoutMs: options.ackTimeoutMs ?? 3000,
      retryDelaysMs: options.retryDelaysMs ?? [0, 60_000, 300_000],
      waitForUrlMs: options.waitForBotMs ?? 0,
      socket: socketMode,
    }),
    socketMode,
    limiter: new RateLimiter(rate.perSecond, rate.burst, now),
    bus,
    commands: options.commands ?? ['/pacs'],
    echoBotMessages: options.echoBotMessages ?? true,
  };
  const { server, calls } = createWorkspaceServer(ctx, options.botToken, options.appToken);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  ctx.url = `http://${shownHost}:${port}`;
  const waiters = new Waiters(ctx);
  let stopped = false;

  return {
    url: ctx.url,
    apiUrl: `${ctx.url}/api/`,
    botUserId: BOT_USER_ID,
    botId: BOT_ID,
    teamId: TEAM_ID,
    setBotEventsUrl: (url) => {
      botEventsUrl = url;
      ctx.delivery.urlChanged();
    },
    socketConnections: () => socketMode.connections(),
    disconnectSockets: (reason) => socketMode.disconnectAll(reason),
    waitForMessage: (filter, o) => waiters.waitForMessage(filter, o),
    waitForView: (filter, o) => waiters.waitForView(filter, o),
    redeliver: (eventId, retryNum, reason) => ctx.delivery.redeliver(eventId, retryNum, reason),
    deliveries: () => ctx.delivery.list(),
    calls: (method) => calls().filter((c) => !method || c.method === method),
    async stop() {
      if (stopped) return;
      stopped = true;
      ctx.delivery.stop();
      waiters.cancelAll();
      await socketMode.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}

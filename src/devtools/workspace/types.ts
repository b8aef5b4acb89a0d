import type { Clock } from '../../core/clock.js';
/** Shapes shared by the local Slack workspace modules. */

export interface WorkspaceOptions {
  /** SQLite file `${dataDir}/workspace.sqlite` (WAL); state survives restart. */
  dataDir: string;
  port?: number;
  host?: string;
  /** Signs every request sent to the bot. */
  signingSecret: string;
  /** The only accepted Bearer token; anything else gets `invalid_auth`. */
  botToken: string;
  /**
   * App-level token (`xapp-…`) for Socket Mode: the only token `apps.connections.open` accepts. While a
   * Socket Mode client is connected, events, commands and interactivity go over it instead of HTTP.
   */
  appToken?: string;
  /** Where events, commands and interactivity go; settable later. */
  botEventsUrl?: string;
  /**
   * Slack's ack window (default 3000 ms); after it, events are retried. Over Socket Mode an envelope not acked
   * within it is first sent again on another open connection of the app, if there is one.
   */
  ackTimeoutMs?: number;
  /** Socket Mode envelopes held while no connection is open (default 100); beyond it the oldest is dropped. */
  socketQueueLimit?: number;
  /** Delay before each retry (default [0, 60_000, 300_000], as Slack). */
  retryDelaysMs?: number[];
  /** trigger_id lifetime (default 3000 ms) → `expired_trigger_id`. */
  triggerTtlMs?: number;
  /** chat.postMessage per channel (default 1/s, burst 5). */
  rateLimit?: { perSecond: number; burst: number };
  /**
   * While the bot is still starting (no URL yet), hold requests up to this long instead of failing them,
   * so the page can open before the bot is ready. Default 0.
   */
  waitForBotMs?: number;
  /** Clock in ms, for tests with fake time. */
  now?: Clock;
  /** Registered slash commands (default ['/pacs']). */
  commands?: string[];
  /** Send `message` events for the bot's own posts, as Slack does (Bolt's ignoreSelf drops them). Default true. */
  echoBotMessages?: boolean;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  ephemeral_for?: string;
  reply_count: number;
  reactions: Reaction[];
  /** True while a chat.startStream message has not been stopped. */
  streaming?: boolean;
  /** Created by chat.startStream (its text is markdown). */
  streamed?: boolean;
  /** Non-markdown stream chunks (task updates, plans) as sent. */
  chunks?: unknown[];
  edited?: { user: string; ts: string };
  subtype?: string;
}

export interface ViewRecord {
  id: string;
  user: string;
  type: 'modal' | 'home';
  callback_id: string;
  external_id: string;
  title: string;
  blocks: unknown[];
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  private_metadata: string;
  /** The full Slack view object as returned by views.* (with id, hash, state...). */
  view: Record<string, unknown>;
  /** Field errors from the last `response_action: errors` (block_id → message). */
  errors?: Record<string, string>;
}

export interface MessageFilter {
  channel?: string;
  thread_ts?: string;
  fromBot?: boolean;
  ephemeralFor?: string;
  textIncludes?: string;
  /** Extension: only messages with a ts later than this one. */
  after?: string;
  /** Extension: `false` waits until a streamed message is stopped. */
  streaming?: boolean;
  /** Created by chat.startStream (its text is markdown). */
  streamed?: boolean;
}

export interface DeliveryRecord {
  id: number;
  kind: 'event' | 'command' | 'interactivity';
  event_id: string | null;
  retry_num: number;
  status: number;
  outcome: 'acked' | 'http_error' | 'timeout' | 'connection_failed' | 'no_url';
  duration_ms: number;
  at: number;
}

export type Json = Record<string, unknown>;

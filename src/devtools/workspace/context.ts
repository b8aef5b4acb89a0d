import type { EventEmitter } from 'node:events';
import type { Clock } from '../../core/clock.js';
import type { Delivery } from './delivery.js';
import type { RateLimiter } from './rate-limit.js';
import type { SocketModeHub } from './socket-mode.js';
import type { Db, MessageStore } from './store.js';
import type { Triggers } from './triggers.js';
import type { ViewStore } from './view-store.js';

/** Everything a route handler needs; one per running workspace. */
export interface Ctx {
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  url: string;
  now: Clock;
  db: Db;
  messages: MessageStore;
  views: ViewStore;
  triggers: Triggers;
  delivery: Delivery;
  /** Socket Mode connections (apps.connections.open, the WebSocket upgrade, envelopes). */
  socketMode: SocketModeHub;
  limiter: RateLimiter;
  /** Emits `message` (StoredMessage) and `view` (ViewRecord) on every change. */
  bus: EventEmitter;
  commands: string[];
  echoBotMessages: boolean;
}

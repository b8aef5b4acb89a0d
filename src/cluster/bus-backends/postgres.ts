import pg from 'pg';
import type { Logger } from '../../core/logger.js';
import {
  assertChannelName,
  type BusBackend,
  BusPayloadTooLargeError,
  defaultBusChannel,
  notifyPayloadLimit,
  reconnectHandlers,
} from './backend.js';

export interface PostgresBusOptions {
  connectionString: string;
  /** Every replica of one deployment uses the same channel (and database: NOTIFY stays inside one). */
  channel?: string;
  /** The listening connection's `application_name`, to find it in `pg_stat_activity`. */
  applicationName?: string;
  logger: Logger;
}

const retryDelayMs = (attempt: number) => Math.min(50 * 2 ** attempt, 2000);

/**
 * PostgreSQL LISTEN/NOTIFY: a dedicated client that only listens, and a one-connection pool that sends
 * `pg_notify`. When the listening connection drops, a new client connects and listens again (50 ms doubling to
 * 2 s between attempts, without end); a NOTIFY sent while no client listened is lost for this replica.
 * Payloads must stay under 8000 bytes: larger ones are refused before they reach the server.
 */
export async function createPostgresBusBackend(options: PostgresBusOptions): Promise<BusBackend> {
  const channel = options.channel ?? defaultBusChannel;
  assertChannelName(channel);
  const log = options.logger.child({ component: 'bus', backend: 'postgres' });
  const reconnected = reconnectHandlers((err) => log.error({ err }, 'bus: a reconnect handler failed'));
  const config = { connectionString: options.connectionString, application_name: options.applicationName };
  const pool = new pg.Pool({ ...config, max: 1, application_name: undefined });
  pool.on('error', (err) => log.warn({ err }, 'bus: PostgreSQL publishing connection error'));
  let receiver: ((payload: string) => void) | undefined;
  let listener: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  /** Connects a new listening client and makes it the listener (unless the backend closed meanwhile). */
  async function listen(): Promise<void> {
    const client = new pg.Client(config);
    client.on('error', (err) => log.warn({ err }, 'bus: PostgreSQL listening connection lost; reconnecting'));
    client.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) receiver?.(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (closed) return void (await client.end());
    listener = client;
    client.once('end', () => {
      if (closed || listener !== client) return;
      listener = undefined;
      scheduleReconnect(0);
    });
  }

  function scheduleReconnect(attempt: number): void {
    retry = setTimeout(async () => {
      retry = undefined;
      try {
        await listen();
        if (closed) return;
        log.info('bus: PostgreSQL listener reconnected; messages sent meanwhile were missed');
        reconnected.fire();
      } catch (err) {
        if (closed) return;
        log.warn({ err, attempt }, 'bus: PostgreSQL listener could not reconnect; retrying');
        scheduleReconnect(attempt + 1);
      }
    }, retryDelayMs(attempt));
  }

  try {
    await listen();
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    async send(payload) {
      const bytes = Buffer.byteLength(payload);
      if (bytes >= notifyPayloadLimit) throw new BusPayloadTooLargeError(bytes, notifyPayloadLimit);
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    onPayload(handler) {
      receiver = handler;
    },
    onReconnect: reconnected.add,
    async close() {
      closed = true;
      receiver = undefined;
      clearTimeout(retry);
      const client = listener;
      listener = undefined;
      await Promise.allSettled([client?.end(), pool.end()]);
    },
  };
}

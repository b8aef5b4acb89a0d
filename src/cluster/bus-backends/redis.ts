import { createClient } from '@keyv/redis';
import type { Logger } from '../../core/logger.js';
import { assertChannelName, type BusBackend, defaultBusChannel, reconnectHandlers } from './backend.js';

export interface RedisBusOptions {
  /** `redis://host:port[/db]` */
  url: string;
  /** Every replica of one deployment uses the same channel. */
  channel?: string;
  /** The subscriber connection's `CLIENT SETNAME`, to find it in `CLIENT LIST`. */
  connectionName?: string;
  logger: Logger;
}

/**
 * Redis pub/sub: a dedicated subscriber connection (a subscribed connection can run no other command) and one
 * for publishing. Creating it fails when Redis cannot be reached; later, node-redis reconnects both and
 * subscribes again before it reports `ready`. PUBLISH reaches only the subscribers connected at that moment, so
 * a message sent during the gap is lost for the one that was away.
 */
export async function createRedisBusBackend(options: RedisBusOptions): Promise<BusBackend> {
  const channel = options.channel ?? defaultBusChannel;
  assertChannelName(channel);
  const log = options.logger.child({ component: 'bus', backend: 'redis' });
  const reconnected = reconnectHandlers((err) => log.error({ err }, 'bus: a reconnect handler failed'));
  // `connecting` until the first ready; a drop after that makes the next ready a reconnect.
  let state: 'connecting' | 'up' | 'lost' = 'connecting';
  // The first connect fails fast (the caller sees an unreachable Redis at start); after that a dropped
  // connection is retried every 50 ms doubling to 2 s, without end, while the replica runs.
  const socket = {
    reconnectStrategy: (retries: number, cause: Error) =>
      state === 'connecting' ? cause : Math.min(50 * 2 ** retries, 2000),
  };
  const publisher = createClient({ url: options.url, socket });
  const subscriber = createClient({ url: options.url, socket, name: options.connectionName });
  let receiver: ((payload: string) => void) | undefined;
  const dropped = (err?: unknown) => {
    if (state !== 'up') return;
    state = 'lost';
    log.warn({ err }, 'bus: Redis subscriber connection lost; reconnecting');
  };

  publisher.on('error', (err: unknown) => log.warn({ err }, 'bus: Redis publisher connection error'));
  subscriber.on('error', dropped);
  subscriber.on('reconnecting', () => dropped());
  subscriber.on('ready', () => {
    const wasLost = state === 'lost';
    state = 'up';
    if (!wasLost) return;
    log.info('bus: Redis subscriber reconnected; messages sent meanwhile were missed');
    reconnected.fire();
  });

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel, (payload: string) => receiver?.(payload));
  } catch (error) {
    for (const client of [publisher, subscriber]) if (client.isOpen) client.destroy();
    throw error;
  }

  return {
    async send(payload) {
      await publisher.publish(channel, payload);
    },
    onPayload(handler) {
      receiver = handler;
    },
    onReconnect: reconnected.add,
    async close() {
      receiver = undefined;
      await Promise.allSettled([publisher.close(), subscriber.close()]);
      if (publisher.isOpen) publisher.destroy();
      if (subscriber.isOpen) subscriber.destroy();
    },
  };
}

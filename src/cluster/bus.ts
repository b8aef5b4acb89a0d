import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createLogger, type Logger } from '../core/logger.js';
import type { BusBackend } from './bus-backends/backend.js';
import { isTopic, type MessageOf, type Topic, topicSchemas } from './topics.js';

export type { BusBackend } from './bus-backends/backend.js';
export { type MessageOf, Topic } from './topics.js';

/** What a handler receives: the message with its sender's replica id, and whether this replica sent it. */
export interface Delivery<T extends Topic> {
  message: MessageOf<T> & { replicaId: string };
  fromSelf: boolean;
}

export type BusHandler<T extends Topic> = (delivery: Delivery<T>) => void | Promise<void>;

/**
 * Fan-out to every replica, the sender included. At most once: a message published while a replica's subscriber
 * connection is down never reaches that replica, so a consumer that must not miss one resyncs in `onReconnect`
 * (re-reads the KB, drops its role caches).
 */
export interface Bus {
  /** This replica's id, carried by every message it publishes. */
  readonly replicaId: string;
  /** Validates `message` against the topic's schema (throws if it does not match) and sends it to all replicas. */
  publish<T extends Topic>(topic: T, message: MessageOf<T>): Promise<void>;
  /** Calls `handler` for each valid message on `topic`; returns the function that stops it. */
  subscribe<T extends Topic>(topic: T, handler: BusHandler<T>): () => void;
  /** Runs `handler` after the subscriber connection came back from a drop: messages may have been missed. */
  onReconnect(handler: () => void): () => void;
  /** Stops delivery and closes the backend's connections. */
  close(): Promise<void>;
}

export interface BusOptions {
  /** Defaults to a random UUID: unique per process. */
  replicaId?: string;
  logger?: Logger;
}

/** On the wire: one JSON object `{ topic, replicaId, message }` per publish, on the backend's one channel. */
const envelopeSchema = z.object({
  topic: z.string(),
  replicaId: z.string().min(1).max(200),
  message: z.unknown(),
});

export function createBus(backend: BusBackend, options: BusOptions = {}): Bus {
  const replicaId = options.replicaId ?? randomUUID();
  const log = (options.logger ?? createLogger({ level: 'warn' })).child({ component: 'bus' });
  type AnyHandler = (message: unknown, fromSelf: boolean) => void;
  const handlers = new Map<Topic, Set<AnyHandler>>();
  let closed = false;

  const dropped = (payload: string, reason: string) =>
    log.warn({ bytes: Buffer.byteLength(payload), reason }, 'bus: dropped a malformed message');

  backend.onPayload((payload) => {
    if (closed) return;
    let raw: unknown;
    try {
      raw = JSON.parse(payload);
    } catch {
      return dropped(payload, 'not JSON');
    }
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) return dropped(payload, 'not a bus envelope');
    const { topic, replicaId: sender, message } = envelope.data;
    if (!isTopic(topic)) return dropped(payload, `unknown topic ${JSON.stringify(topic.slice(0, 40))}`);
    const parsed = topicSchemas[topic].safeParse(message);
    if (!parsed.success) {
      return dropped(payload, `${topic}: ${parsed.error.issues.map((i) => i.path.join('.') || i.code).join(', ')}`);
    }
    const delivered = { ...parsed.data, replicaId: sender };
    for (const handler of [...(handlers.get(topic) ?? [])]) handler(delivered, sender === replicaId);
  });

  return {
    replicaId,
    async publish(topic, message) {
      if (closed) throw new Error('the bus is closed');
      const checked = topicSchemas[topic].parse(message);
      await backend.send(JSON.stringify({ topic, replicaId, message: checked }));
    },
    subscribe(topic, handler) {
      const failed = (error: unknown) => log.error({ err: error, topic }, 'bus: a handler failed');
      const wrapped: AnyHandler = (message, fromSelf) => {
        try {
          // The dispatcher parsed `message` with this topic's schema before calling.
          Promise.resolve(handler({ message: message as Delivery<typeof topic>['message'], fromSelf })).catch(failed);
        } catch (error) {
          failed(error);
        }
      };
      const set = handlers.get(topic) ?? new Set<AnyHandler>();
      handlers.set(topic, set.add(wrapped));
      return () => {
        set.delete(wrapped);
      };
    },
    onReconnect(handler) {
      return backend.onReconnect(handler);
    },
    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      await backend.close();
    },
  };
}

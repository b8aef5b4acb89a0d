/**
 * A transport that carries the bus's raw payloads (JSON text) to every connected bus, the sender included. It
 * knows nothing of topics or schemas; `createBus` does. Delivery is at most once: a payload published while a
 * subscriber connection is down is lost for that subscriber, so consumers resync in `onReconnect`.
 */
export interface BusBackend {
  /** Sends one payload to every bus listening on this backend's channel (this one included). */
  send(payload: string): Promise<void>;
  /** Sets the one receiver of incoming payloads (the bus); payloads arriving before it is set are dropped. */
  onPayload(handler: (payload: string) => void): void;
  /**
   * Runs `handler` each time the subscriber connection is back after a drop (not on the first connect), once it
   * listens again. Returns a function that removes the handler.
   */
  onReconnect(handler: () => void): () => void;
  /** Closes every connection and stops reconnecting. */
  close(): Promise<void>;
}

/** PostgreSQL's NOTIFY payload must be shorter than 8000 bytes in the default configuration. */
export const notifyPayloadLimit = 8000;

/** A bus message too large for the backend: send an id and let replicas read the rest from the shared store. */
export class BusPayloadTooLargeError extends Error {
  readonly bytes: number;
  readonly limit: number;

  constructor(bytes: number, limit: number) {
    super(
      `bus message is ${bytes} bytes; PostgreSQL NOTIFY carries fewer than ${limit}. ` +
        'Publish an id or a hint and let each replica read the rest from the shared store.',
    );
    this.name = 'BusPayloadTooLargeError';
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** Channel names are plain lower-case identifiers, so they are safe in `LISTEN` and as Redis channels alike. */
export function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new Error(`bus channel "${channel}" must be 1-63 characters of a-z, 0-9 and _, not starting with a digit`);
  }
}

/** Handlers to run on reconnect; one throwing does not stop the others. */
export function reconnectHandlers(onError: (error: unknown) => void) {
  const handlers = new Set<() => void>();
  return {
    add(handler: () => void): () => void {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    fire(): void {
      for (const handler of [...handlers]) {
        try {
          handler();
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}

/** The default channel all replicas of one deployment share. */
export const defaultBusChannel = 'pacs_desk_bus';

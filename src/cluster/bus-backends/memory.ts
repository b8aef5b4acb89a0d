import type { BusBackend } from './backend.js';

/**
 * In-process buses that hear each other: for a single instance (one `connect()`) and for tests that want
 * several buses without a server. Delivery is asynchronous, as over a wire, and never reconnects.
 */
export function createMemoryBusHub(): { connect(): BusBackend } {
  const receivers = new Set<(payload: string) => void>();
  return {
    connect(): BusBackend {
      let receiver: ((payload: string) => void) | undefined;
      const deliver = (payload: string) => receiver?.(payload);
      receivers.add(deliver);
      return {
        async send(payload) {
          if (!receivers.has(deliver)) throw new Error('the in-process bus is closed');
          for (const other of [...receivers]) queueMicrotask(() => other(payload));
        },
        onPayload(handler) {
          receiver = handler;
        },
        onReconnect() {
          return () => {};
        },
        async close() {
          receivers.delete(deliver);
        },
      };
    },
  };
}

/** A bus backend for one process alone. */
export function createMemoryBusBackend(): BusBackend {
  return createMemoryBusHub().connect();
}

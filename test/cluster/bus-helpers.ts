import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/core/logger.js';

/** Rejects with `what` unless `promise` settles within `ms`; the timer is cleared either way. */
export async function within<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Records what arrives and lets a test await the first item that matches, already arrived or still to come. */
export function recorder<T>() {
  const items: T[] = [];
  const waiting: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];
  return {
    items,
    push(item: T): void {
      items.push(item);
      for (const waiter of waiting.filter((w) => w.match(item))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    },
    next(match: (item: T) => boolean, what: string, ms?: number): Promise<T> {
      const found = items.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return within(new Promise<T>((resolve) => waiting.push({ match, resolve })), what, ms);
    },
  };
}

/** A logger whose JSON lines the test can read. */
export function capturedLogger(): { logger: Logger; lines(): Record<string, unknown>[] } {
  let text = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger({ level: 'debug', destination }),
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A channel of its own for each test, so concurrent test files never hear each other. */
export function testChannel(): string {
  return `bus_test_${Math.random().toString(36).slice(2, 10)}`;
}

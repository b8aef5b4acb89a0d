import { vi } from 'vitest';

/**
 * `vi.waitFor` with room for a loaded CI machine: polls `check` every 25 ms for up to 10 s. The check
 * is an assertion about state the bot changes asynchronously (a message, a row); it is never a sleep.
 */
export function waitUntil<T>(
  check: () => T | Promise<T>,
  options: { timeout?: number; interval?: number } = {},
): Promise<T> {
  return vi.waitFor(check, { timeout: options.timeout ?? 10_000, interval: options.interval ?? 25 });
}

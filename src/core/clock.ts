/**
 * The one time source: milliseconds since the epoch. Injected wherever a TTL, SLA, deadline or timestamp is
 * computed, so tests pass a fixed clock or use fake timers. Code that needs a Date builds one: `new Date(clock())`.
 */
export type Clock = () => number;

/** Reads Date.now at call time (not a captured reference), so fake timers installed later still apply. */
export const systemClock: Clock = () => Date.now();

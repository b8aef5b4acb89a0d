/** Time source, injectable so TTLs, SLAs and timeouts are testable with fake timers. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Counts work in progress (requests being read, listener chains still running after the ack) so a
 * shutdown can wait for it, bounded by a grace period.
 */
export interface Inflight {
  readonly count: number;
  begin(): () => void;
  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function createInflight(): Inflight {
  let count = 0;
  const waiters = new Set<() => void>();
  return {
    get count() {
      return count;
    },
    begin() {
      count++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        count--;
        if (count === 0) for (const wake of [...waiters]) wake();
      };
    },
    idle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}

import type { BackgroundTask } from '../compose/background.js';
import type { LeaderLease } from './lease.js';

/** Work that only the leader does: started when this replica becomes leader, stopped when it stops being one. */
export interface LeaderWork {
  start(): void;
  stop(): void | Promise<void>;
}

/**
 * Runs `work` on whichever replica holds `lease`. Every `renewEveryMs` (keep it at most a third of the lease's TTL)
 * a follower tries to acquire and the leader renews; a renewal that fails or throws (store unreachable) stops the
 * work at once, and the replica goes back to trying. `stop()` stops the work and releases the lease, so another
 * replica takes over on its next try instead of after the TTL. Timers are unref'd: they never hold the process.
 */
export function runAsLeader(
  lease: LeaderLease,
  work: LeaderWork,
  options: { renewEveryMs: number; name?: string; onError?: (error: unknown) => void },
): BackgroundTask {
  let running = false;
  let token: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> = Promise.resolve();

  async function step(): Promise<void> {
    if (token === undefined) {
      token = (await lease.tryAcquire().catch(fail))?.token;
      if (token === undefined || !running) return;
      try {
        work.start();
      } catch (error) {
        // Work that cannot start must not keep the lease from a replica where it can.
        fail(error);
        const held = token;
        token = undefined;
        await lease.release(held).catch(fail);
      }
      return;
    }
    if (await lease.renew(token).catch((error) => fail(error) ?? false)) return;
    token = undefined;
    await work.stop();
  }

  function fail(error: unknown): undefined {
    options.onError?.(error);
    return undefined;
  }

  function schedule(delayMs: number) {
    timer = setTimeout(() => {
      tick = step()
        .catch(fail)
        .finally(() => {
          if (running) schedule(options.renewEveryMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    name: options.name ?? 'leader',
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await tick;
      if (token === undefined) return;
      const held = token;
      token = undefined;
      await work.stop();
      await lease.release(held).catch(fail);
    },
  };
}

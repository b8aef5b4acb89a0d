import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { nextRun, parseCron } from './cron-schedule.js';

/** setTimeout takes at most 2^31-1 ms (about 24.8 days); a later slot is reached in steps. */
const maxTimerMs = 2 ** 31 - 1;
/** A slot's claim outlives any clock skew between replicas. */
const slotClaimMs = 24 * 3600_000;

/**
 * Runs `run(slot)` at every slot of `cron` (five fields, local time), once per slot across replicas and restarts:
 * each slot is claimed under `digest:<slot ISO time>` first. Meant for the leader's scheduled work. A failed run
 * is logged and not retried: the next slot runs as usual (a half-posted digest is not posted twice), and
 * `pacs-desk report weekly` gives the same data on demand.
 *
 * @example const stop = startDigestSchedule({ cron: '0 8 * * 1', claim, run, logger, now: Date.now })
 */
export function startDigestSchedule(deps: {
  cron: string;
  claim: (key: string, ttlMs: number) => Promise<boolean>;
  run: (slot: Date) => Promise<void>;
  logger: Logger;
  now: Clock;
}): () => void {
  const schedule = parseCron(deps.cron);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const fire = async (slot: Date) => {
    try {
      if (!(await deps.claim(`digest:${slot.toISOString()}`, slotClaimMs))) return;
      await deps.run(slot);
      deps.logger.info({ slot: slot.toISOString() }, 'weekly digest posted');
    } catch (error) {
      // Error text only: Slack and render errors carry no patient data.
      deps.logger.error({ slot: slot.toISOString(), err: (error as Error)?.message }, 'weekly digest failed');
    }
  };

  const arm = (slot: Date) => {
    if (stopped) return;
    const wait = slot.getTime() - deps.now();
    if (wait > maxTimerMs) {
      timer = setTimeout(() => arm(slot), maxTimerMs);
      return;
    }
    timer = setTimeout(
      () => {
        void fire(slot).finally(() => arm(nextRun(schedule, slot)));
      },
      Math.max(0, wait),
    );
  };

  arm(nextRun(schedule, new Date(deps.now())));
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

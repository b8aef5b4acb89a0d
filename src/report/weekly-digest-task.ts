import type { Clock } from '../core/clock.js';
import type { FetchLike } from '../core/http.js';
import type { Logger } from '../core/logger.js';
import { startDigestSchedule } from './digest-task.js';
import { type DigestClient, postWeeklyDigest } from './weekly-digest.js';
import type { WeeklySources } from './weekly-report.js';

/**
 * The leader's weekly digest task (a `BackgroundTask`), or undefined without `DIGEST_CHANNEL`. Each slot of
 * `DIGEST_CRON` posts the week ending at that slot.
 */
export function weeklyDigestTask(deps: {
  channel: string | undefined;
  cron: string;
  client: DigestClient;
  fetch: FetchLike;
  sources: WeeklySources;
  claims: { claim(key: string, ttlMs: number): Promise<boolean> };
  logger: Logger;
  now: Clock;
}): { name: string; start(): void; stop(): void } | undefined {
  const { channel } = deps;
  if (!channel) return undefined;
  const logger = deps.logger.child({ component: 'weekly-digest' });
  let stop: (() => void) | undefined;
  return {
    name: 'weekly-digest',
    start() {
      stop ??= startDigestSchedule({
        cron: deps.cron,
        claim: (key, ttlMs) => deps.claims.claim(key, ttlMs),
        run: async (slot) => {
          await postWeeklyDigest({
            client: deps.client,
            fetch: deps.fetch,
            sources: deps.sources,
            channel,
            until: slot,
          });
        },
        logger,
        now: deps.now,
      });
    },
    stop() {
      stop?.();
      stop = undefined;
    },
  };
}

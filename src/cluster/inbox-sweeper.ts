import type { BackgroundTask } from '../compose/background.js';
import type { Logger } from '../core/logger.js';
import type { Inbox, InboxEntry } from './inbox.js';

export interface InboxSweeperOptions {
  inbox: Inbox;
  /** Runs one taken-over unit to its end (the Slack side's replay). */
  replay: (entry: InboxEntry) => Promise<void>;
  everyMs: number;
  /** Most units replayed at once by this replica (default 4): a backlog spreads over the replicas. */
  concurrency?: number;
  /** Housekeeping (done inbox rows, expired claims) every this many sweeps (default 60). */
  pruneEvery?: number;
  prune?: () => Promise<number>;
  logger: Logger;
}

/**
 * On every replica: every `everyMs`, takes over inbox units whose replica stopped renewing its lease and replays
 * them. The takeover is atomic in the store, so two sweepers never replay one unit. Replays run beside the sweep
 * (a long answer does not stall it), at most `concurrency` at once. A store that does not answer is logged and
 * tried again on the next sweep.
 */
export function inboxSweeper(options: InboxSweeperOptions): BackgroundTask {
  const { inbox, logger } = options;
  const concurrency = options.concurrency ?? 4;
  const pruneEvery = options.pruneEvery ?? 60;
  const active = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> = Promise.resolve();
  let running = false;
  let sweeps = 0;

  async function sweep(): Promise<void> {
    sweeps++;
    if (options.prune && sweeps % pruneEvery === 0) await options.prune();
    const room = concurrency - active.size;
    if (room <= 0) return;
    for (const entry of await inbox.takeOver(room)) {
      const replay = options
        .replay(entry)
        .catch((error: unknown) =>
          logger.error({ code: 'inbox_replay_failed', err: (error as Error).message }, 'inbox: replay failed'),
        )
        .finally(() => active.delete(replay));
      active.add(replay);
    }
  }

  function schedule(): void {
    timer = setTimeout(() => {
      sweeping = sweep()
        .catch((error: unknown) =>
          logger.warn({ code: 'inbox_unavailable', err: (error as Error).message }, 'inbox: sweep failed'),
        )
        .finally(() => {
          if (running) schedule();
        });
    }, options.everyMs);
    timer.unref();
  }

  return {
    name: 'inbox-sweeper',
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await sweeping;
    },
  };
}

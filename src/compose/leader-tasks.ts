import type { ClusterBackend } from '../cluster/backends/cluster-backend.js';
import { createLeaderLease } from '../cluster/lease.js';
import { runAsLeader } from '../cluster/run-as-leader.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { type BackgroundTask, stopAll } from './background.js';

/** The name of the one lease behind all scheduled work (reminders, PACS monitor, helpdesk relay). */
export const scheduledWorkLease = 'scheduled-work';

/**
 * Runs `tasks` only on the replica that holds the `scheduled-work` lease: one lease for all of them, so one
 * replica does all scheduled work and a take-over moves all of it. A renewal that fails (lease lost, store
 * unreachable) stops the tasks at once; with one replica the same path runs and that replica always wins.
 * Per-item claims inside the tasks keep an old leader that has not noticed yet from repeating a side effect.
 */
export function leaderTask(
  tasks: readonly BackgroundTask[],
  deps: { backend: ClusterBackend; replicaId: string; leaseMs: number; logger: Logger; now: Clock },
): BackgroundTask {
  const { replicaId } = deps;
  const log = deps.logger.child({ component: 'leader', replicaId });
  const lease = createLeaderLease(deps.backend, {
    name: scheduledWorkLease,
    ttlMs: deps.leaseMs,
    holderId: replicaId,
    now: deps.now,
  });
  let shuttingDown = false;
  const inner = runAsLeader(
    lease,
    {
      start() {
        log.info({ tasks: tasks.map((t) => t.name) }, 'became leader');
        for (const task of tasks) task.start();
      },
      async stop() {
        if (!shuttingDown) log.warn('lost leadership; scheduled work stopped');
        for (const failed of await stopAll(tasks))
          log.warn({ task: failed.name, err: (failed.error as Error)?.message }, 'scheduled task did not stop cleanly');
      },
    },
    {
      name: 'leader',
      renewEveryMs: Math.max(1, Math.floor(deps.leaseMs / 3)),
      // Error text only: lease and store errors carry no patient data.
      onError: (error) => log.warn({ err: (error as Error)?.message }, 'leader lease step failed'),
    },
  );
  return {
    name: 'leader',
    start() {
      shuttingDown = false;
      inner.start();
    },
    async stop() {
      shuttingDown = true;
      await inner.stop();
    },
  };
}

import { z } from 'zod';
import { Role } from '../../core/roles.js';
import { parseSiteArgument } from '../input/command-arguments.js';
import { type QueueTask, TaskState } from '../types.js';
import type { CheckSettings } from './check-settings.js';
import { type CheckContext, CheckId, connectorFor, defineCheck } from './check-types.js';
import { type FailureCause, failureCause, failureCauseLabel } from './failure-cause.js';

/** Counts per destination: the task's `target`, else its `queue`. */
export interface DestinationCounts {
  destination: string;
  pending: number;
  running: number;
  paused: number;
  failed: number;
}

/** A failed task as shown: a cause instead of the archive's error text. */
export interface RecentFailure {
  id: string;
  destination: string;
  kind: string;
  at: string;
  cause: FailureCause;
  causeLabel: string;
  attempts?: number;
}

export interface QueueSummary {
  site: string;
  total: number;
  byState: Record<TaskState, number>;
  /** Destinations with anything pending, running, paused or failed; most failures first. */
  destinations: DestinationCounts[];
  oldestPendingAgeMs?: number;
  /** Failed in the failure window, newest first, capped. */
  recentFailures: RecentFailure[];
}

type SummaryOptions = Pick<CheckSettings, 'failureWindowMs' | 'maxRecentFailures'>;

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/**
 * Summarises tasks in one pass: a map per destination, a running minimum, and a small sorted buffer
 * of the newest failures (O(n · maxRecentFailures)).
 *
 * @example `summariseQueue('main', tasks, now, settings).byState.failed` → `3`
 */
export function summariseQueue(
  site: string,
  tasks: readonly QueueTask[],
  now: Date,
  options: SummaryOptions,
): QueueSummary {
  const byState = Object.fromEntries(Object.values(TaskState).map((s) => [s, 0])) as Record<TaskState, number>;
  const groups = new Map<string, DestinationCounts>();
  const recent: { at: number; task: QueueTask; destination: string }[] = [];
  const nowMs = now.getTime();
  const since = nowMs - options.failureWindowMs;
  let oldestPending = Number.POSITIVE_INFINITY;
  for (const task of tasks) {
    byState[task.state] = (byState[task.state] ?? 0) + 1;
    if (task.state !== 'pending' && task.state !== 'running' && task.state !== 'paused' && task.state !== 'failed')
      continue;
    const destination = task.target ?? task.queue;
    let group = groups.get(destination);
    if (!group) {
      group = { destination, pending: 0, running: 0, paused: 0, failed: 0 };
      groups.set(destination, group);
    }
    group[task.state]++;
    if (task.state === 'pending') {
      const created = time(task.createdAt);
      if (created < oldestPending) oldestPending = created;
    } else if (task.state === 'failed') {
      const at = time(task.updatedAt ?? task.createdAt);
      if (!(at >= since) || options.maxRecentFailures <= 0) continue;
      const last = recent[recent.length - 1];
      if (recent.length >= options.maxRecentFailures && last && at <= last.at) continue;
      let i = recent.length;
      while (i > 0 && (recent[i - 1]?.at ?? 0) < at) i--;
      recent.splice(i, 0, { at, task, destination });
      if (recent.length > options.maxRecentFailures) recent.pop();
    }
  }
  const destinations = [...groups.values()].sort(
    (a, b) => b.failed - a.failed || b.pending - a.pending || a.destination.localeCompare(b.destination),
  );
  return {
    site,
    total: tasks.length,
    byState,
    destinations,
    ...(Number.isFinite(oldestPending) ? { oldestPendingAgeMs: Math.max(0, nowMs - oldestPending) } : {}),
    recentFailures: recent.map(({ at, task, destination }) => {
      const cause = failureCause(task.error);
      return {
        id: task.id,
        destination,
        kind: task.kind,
        at: new Date(at).toISOString(),
        cause,
        causeLabel: failureCauseLabel[cause],
        ...(task.attempts !== undefined ? { attempts: task.attempts } : {}),
      };
    }),
  };
}

export const queueArgs = z.object({ site: z.string().min(1).max(32).optional() });
export type QueueArgs = z.infer<typeof queueArgs>;

/** `/pacs queue [site]`. */
export const queueCheck = defineCheck({
  id: CheckId.Queue,
  command: 'queue',
  title: 'Queue status',
  usage: 'queue [site]',
  summary:
    'Pending, running and failed transfers per destination, the oldest waiting job and recent failures with a cause.',
  examples: ['queue', 'queue main'],
  args: queueArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: false,
  parse: (text, ctx) => parseSiteArgument(text, ctx.connectors.keys(), 'queue [site]'),
  run: async (ctx: CheckContext, args) => {
    const connector = connectorFor(ctx, args.site);
    const tasks = await connector.listTasks();
    return summariseQueue(args.site ?? ctx.defaultSite, tasks, new Date(ctx.now()), ctx.settings);
  },
});

import { z } from 'zod';
import { taskIdPattern } from '../input/command-arguments.js';
import type { PacsConnector, QueueTask, TaskState } from '../types.js';
import { writesAllowed } from './check-settings.js';
import { type CheckContext, connectorFor } from './check-types.js';

export const JobAction = { Retry: 'retry', Cancel: 'cancel' } as const;
export type JobAction = (typeof JobAction)[keyof typeof JobAction];

export const JobRefusal = {
  WritesDisabled: 'writes_disabled',
  NotFound: 'not_found',
  WrongState: 'wrong_state',
  Unsupported: 'unsupported',
  Failed: 'failed',
} as const;
export type JobRefusal = (typeof JobRefusal)[keyof typeof JobRefusal];

export type JobActionResult =
  | { ok: true; action: JobAction; site: string; taskId: string; description: string }
  | { ok: false; action: JobAction; site: string; taskId: string; reason: JobRefusal; message: string };

type Plan =
  | { ok: true; connector: PacsConnector; task: QueueTask; site: string; description: string }
  | Extract<JobActionResult, { ok: false }>;

export const jobArgs = z.object({
  taskId: z.string().regex(taskIdPattern),
  site: z.string().min(1).max(32).optional(),
});
export type JobArgs = z.infer<typeof jobArgs>;

const actionable: Record<JobAction, readonly TaskState[]> = {
  retry: ['failed'],
  cancel: ['pending', 'running', 'paused'],
};

const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…` : id);

function destination(task: QueueTask): string {
  const queue = task.queue.replace(/\s*→\s*/g, ' → ');
  return task.target && !task.queue.includes(task.target) ? `${queue} → ${task.target}` : queue;
}

/**
 * The confirm-button sentence for a task.
 *
 * @example `describeJobAction('retry', task)` → `'Resubmit failed job 6c97… (DicomModalityStore → STORESCP)'`
 */
export function describeJobAction(action: JobAction, task: QueueTask): string {
  const verb = action === JobAction.Retry ? 'Resubmit' : 'Cancel';
  return `${verb} ${task.state} job ${shortId(task.id)} (${destination(task)})`;
}

/**
 * Checks everything that can be checked before a write: writes on, connector supports it, the task
 * exists and is in a state where the action makes sense. Calls no write.
 */
export async function planJobAction(ctx: CheckContext, action: JobAction, args: JobArgs): Promise<Plan> {
  const site = args.site ?? ctx.defaultSite;
  const refuse = (reason: JobRefusal, message: string): Plan => ({
    ok: false,
    action,
    site,
    taskId: args.taskId,
    reason,
    message,
  });
  const label = action === JobAction.Retry ? 'resubmitting' : 'canceling';
  if (!writesAllowed(ctx.settings)) {
    return refuse(JobRefusal.WritesDisabled, `Job changes are switched off (PACS_ALLOW_WRITES). Nothing was changed.`);
  }
  const connector = connectorFor(ctx, site);
  if (!(action === JobAction.Retry ? connector.retryTask : connector.cancelTask)) {
    return refuse(JobRefusal.Unsupported, `Site ${site} does not support ${label} jobs from PACS Desk.`);
  }
  let tasks: QueueTask[];
  try {
    tasks = await connector.listTasks();
  } catch {
    return refuse(JobRefusal.Failed, `Could not read the job list of ${site}. Nothing was changed.`);
  }
  const task = tasks.find((t) => t.id === args.taskId);
  if (!task)
    return refuse(
      JobRefusal.NotFound,
      `No job ${shortId(args.taskId)} on ${site}. Run \`queue ${site}\` to list jobs.`,
    );
  if (!actionable[action].includes(task.state)) {
    const wanted = actionable[action].join(', ');
    return refuse(
      JobRefusal.WrongState,
      `Job ${shortId(task.id)} is ${task.state}; only ${wanted} jobs allow ${label}.`,
    );
  }
  return { ok: true, connector, task, site, description: describeJobAction(action, task) };
}

/**
 * Runs the write once (writes are never retried). An archive error becomes a host-free refusal.
 *
 * @example `await runJobAction(ctx, 'cancel', { taskId: 'a1b2' })` → `{ ok: false, reason: 'writes_disabled', … }`
 */
export async function runJobAction(ctx: CheckContext, action: JobAction, args: JobArgs): Promise<JobActionResult> {
  const plan = await planJobAction(ctx, action, args);
  if (!plan.ok) return plan;
  const { connector, task, site, description } = plan;
  try {
    if (action === JobAction.Retry) await connector.retryTask?.(task.id);
    else await connector.cancelTask?.(task.id);
  } catch {
    return {
      ok: false,
      action,
      site,
      taskId: task.id,
      reason: JobRefusal.Failed,
      message: `The archive did not accept the request for job ${shortId(task.id)}. Check \`queue ${site}\` before trying again.`,
    };
  }
  return { ok: true, action, site, taskId: task.id, description };
}

import { EchoCause as Cause, type EchoCause, type QueueTask, TaskState as S, type TaskState } from '../types.js';

/** A dcm4chee-arc task as `/queue/{name}`, `/monitor/export` and `/monitor/retrieve` return it. */
export interface Dcm4cheeTask {
  taskID: string | number;
  queue?: string;
  type?: string;
  status: string;
  failures?: number;
  createdTime?: string;
  updatedTime?: string;
  errorMessage?: string;
  outcomeMessage?: string;
  ExporterID?: string;
  RemoteAET?: string;
  DestinationAET?: string;
}

const states: Record<string, TaskState> = {
  SCHEDULED: S.Pending,
  'IN PROCESS': S.Running,
  COMPLETED: S.Succeeded,
  WARNING: S.Warning,
  FAILED: S.Failed,
  CANCELED: S.Canceled,
};

/** The dcm4chee status that means `state` (for `?status=` filters and counts). */
export const dcm4cheeStatusOf = Object.fromEntries(Object.entries(states).map(([k, v]) => [v, k])) as Partial<
  Record<TaskState, string>
>;

function iso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * One task → QueueTask. `source` is where it was listed: a queue name, `export` or `retrieve`; the id is
 * `source/taskID`, so a later reschedule/cancel knows which endpoint owns it.
 */
export function mapDcm4cheeTask(task: Dcm4cheeTask, source: string): QueueTask {
  const state = states[task.status] ?? S.Pending;
  return {
    id: `${source}/${task.taskID}`,
    queue: task.queue ?? source,
    kind: task.type ?? source,
    state,
    rawState: task.status,
    createdAt: iso(task.createdTime),
    updatedAt: iso(task.updatedTime),
    target: task.ExporterID ?? task.DestinationAET ?? task.RemoteAET,
    attempts: task.failures,
    error: state === S.Failed || state === S.Warning ? (task.errorMessage ?? task.outcomeMessage) : undefined,
  };
}

/**
 * `POST /aets/{aet}/dimse/{remote}` → `{"result":n}`: 0 Success, 1 IncompatibleConnection, 2 FailedToConnect,
 * 3 AssociationRejected, 6 FailedToReceiveCEchoRSP, 7 FailedToRelease (the echo itself got through).
 */
export function dcm4cheeEchoOutcome(result: number): { ok: boolean; cause?: EchoCause } {
  switch (result) {
    case 0:
    case 7:
      return { ok: true };
    case 2:
      return { ok: false, cause: Cause.Refused };
    case 3:
      return { ok: false, cause: Cause.Rejected };
    case 6:
      return { ok: false, cause: Cause.Timeout };
    default:
      return { ok: false, cause: Cause.Other };
  }
}

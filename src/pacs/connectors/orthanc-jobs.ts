import { EchoCause as Cause, type EchoCause, type QueueTask, TaskState as S, type TaskState } from '../types.js';

/** The fields of `GET /jobs?expand` the bot reads (Orthanc 1.10). */
export interface OrthancJob {
  ID: string;
  Type: string;
  State: string;
  Progress?: number;
  CreationTime?: string;
  CompletionTime?: string;
  Timestamp?: string;
  ErrorCode?: number;
  ErrorDescription?: string;
  ErrorDetails?: string;
  Content?: { RemoteAet?: string; FailedInstancesCount?: number; Peer?: string[] | string };
}

/** Orthanc's "This job was canceled": a cancel ends a job as `Failure` with this code. */
const canceledErrorCode = 37;

/**
 * Orthanc timestamps (`20261129T120746.266694`, also `LastUpdate` without fraction) are UTC with no zone
 * designator, whatever TZ Orthanc runs in. → ISO 8601 with `Z`, or undefined.
 */
export function parseOrthancTime(value: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?$/.exec(value ?? '');
  if (!m) return undefined;
  const ms = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}Z`;
}

function stateOf(job: OrthancJob): TaskState {
  switch (job.State) {
    case 'Pending':
    case 'Retry':
      return S.Pending;
    case 'Running':
      return S.Running;
    case 'Paused':
      return S.Paused;
    case 'Success':
      return (job.Content?.FailedInstancesCount ?? 0) > 0 ? S.Warning : S.Succeeded;
    default:
      return job.ErrorCode === canceledErrorCode ? S.Canceled : S.Failed;
  }
}

/** One Orthanc job → QueueTask; `queue` is `Type→RemoteAet`, Orthanc's one engine queue split by target. */
export function mapOrthancJob(job: OrthancJob): QueueTask {
  const state = stateOf(job);
  const target =
    job.Content?.RemoteAet ?? (Array.isArray(job.Content?.Peer) ? job.Content?.Peer[0] : job.Content?.Peer);
  const failed = state === S.Failed || state === S.Canceled;
  return {
    id: job.ID,
    queue: target ? `${job.Type}→${target}` : job.Type,
    kind: job.Type,
    state,
    rawState: job.State,
    createdAt: parseOrthancTime(job.CreationTime),
    updatedAt: parseOrthancTime(job.CompletionTime) ?? parseOrthancTime(job.Timestamp),
    progress: job.Progress,
    target,
    error: failed ? job.ErrorDetails || job.ErrorDescription : undefined,
  };
}

/**
 * The `Details` of a failed `POST /modalities/{id}/echo` (HTTP 500) → cause. Measured texts (1.10):
 * "TCP Initialization Error: Connection refused", "DUL network read timeout", "Unrecognized PDU type: 48".
 */
export function orthancEchoCause(details: string): EchoCause {
  if (/connection refused/i.test(details)) return Cause.Refused;
  if (/timeout|timed out/i.test(details)) return Cause.Timeout;
  if (/unrecognized pdu|unknown pdu|pdu type/i.test(details)) return Cause.WrongProtocol;
  if (/reject|abort/i.test(details)) return Cause.Rejected;
  if (/host|resolv|unreachable|no route/i.test(details)) return Cause.Unreachable;
  return Cause.Other;
}

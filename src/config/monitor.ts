import { z } from 'zod';
import { channelId, type Fixes, int } from './fields.js';

/** The PACS monitor: where alerts go and when a queue counts as an incident. */
export const monitorSchema = z.object({
  OPS_CHANNEL: channelId,
  MONITOR_INTERVAL_SECONDS: int(60, 10, 86_400),
  MONITOR_FAILED_TASKS: int(3, 1, 100_000),
  MONITOR_PENDING_MINUTES: int(15, 1, 10_000),
});
type MonitorEnv = z.infer<typeof monitorSchema>;

export const monitorFixes = {
  OPS_CHANNEL: 'use the channel id (C… or G…) where PACS monitor alerts go',
  MONITOR_INTERVAL_SECONDS: 'use seconds between 10 and 86400',
  MONITOR_FAILED_TASKS: 'use a whole number of failed transfers per hour',
  MONITOR_PENDING_MINUTES: 'use whole minutes',
} satisfies Fixes<MonitorEnv>;

export interface MonitorSection {
  /** Unset: the monitor is off. */
  opsChannel?: string;
  intervalSeconds: number;
  /** Failed transfers in an hour that open a queue incident. */
  failedTasks: number;
  /** A transfer pending this long opens a queue incident. */
  pendingMinutes: number;
}

export const toMonitor = (e: MonitorEnv): MonitorSection => ({
  opsChannel: e.OPS_CHANNEL,
  intervalSeconds: e.MONITOR_INTERVAL_SECONDS,
  failedTasks: e.MONITOR_FAILED_TASKS,
  pendingMinutes: e.MONITOR_PENDING_MINUTES,
});

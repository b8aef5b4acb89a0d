import type { MonitorConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { startPacsMonitor } from '../pacs/monitors/pacs-monitor.js';
import type { StateStore } from '../state/create-state-store.js';
import { type BackgroundTask, timerTask } from './background.js';
import type { ComposedPacs } from './compose-pacs.js';

/**
 * Queue and echo monitoring into OPS_CHANNEL, when a PACS and the channel are configured. Incident state lives in
 * the state store, so an open incident survives a restart (and is not announced twice).
 */
export function pacsMonitorTask(deps: {
  monitor: MonitorConfig;
  pacs: ComposedPacs | undefined;
  state: StateStore;
  post: (channel: string, text: string) => Promise<void>;
  logger: Logger;
  now: Clock;
}): BackgroundTask | undefined {
  const { monitor, pacs, state } = deps;
  const channel = monitor.opsChannel;
  if (!pacs || !channel) return undefined;
  const key = (k: string) => `incident:${k}`;
  return timerTask('pacs-monitor', () =>
    startPacsMonitor(
      {
        connectors: pacs.connectors,
        state: {
          get: async (k) => (await state.get<{ since: string; summary: string }>(key(k))) ?? undefined,
          set: async (k, v) => void (await state.set(key(k), v)),
          delete: async (k) => void (await state.delete(key(k))),
        },
        thresholds: { failedTasks: monitor.failedTasks, pendingMinutes: monitor.pendingMinutes },
        auditProblem: pacs.auditProblem,
        post: (text) => deps.post(channel, text),
        logger: deps.logger.child({ component: 'pacs-monitor' }),
        now: deps.now,
      },
      monitor.intervalSeconds * 1000,
    ),
  );
}

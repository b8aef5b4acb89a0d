import type { MonitorConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import {
  type IncidentLog,
  type IncidentRecorder,
  IncidentSource,
  incidentRecorder,
} from '../pacs/monitors/incident-log.js';
import type { IncidentState } from '../pacs/monitors/incidents.js';
import { type MonitorDeps, startPacsMonitor } from '../pacs/monitors/pacs-monitor.js';
import type { StateStore } from '../state/create-state-store.js';
import { type BackgroundTask, timerTask } from './background.js';
import type { ComposedPacs } from './compose-pacs.js';

/** Claims shared by the replicas (`createClaims`): true for one caller per key until `ttlMs` has passed. */
export interface AlertClaims {
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/**
 * Queue and echo monitoring into OPS_CHANNEL, when a PACS and the channel are configured. Incident state lives in
 * the state store, so an open incident survives a restart (and is not announced twice).
 */
export function pacsMonitorTask(deps: {
  monitor: MonitorConfig;
  pacs: ComposedPacs | undefined;
  state: StateStore;
  claims: AlertClaims;
  post: (channel: string, text: string) => Promise<void>;
  logger: Logger;
  now: Clock;
  /** Where each incident's opening and recovery is kept for the weekly digest. */
  incidentLog?: IncidentLog;
}): BackgroundTask | undefined {
  const { monitor, pacs, state } = deps;
  const channel = monitor.opsChannel;
  if (!pacs || !channel) return undefined;
  const key = (k: string) => `incident:${k}`;
  const stored: IncidentState = {
    get: async (k) => (await state.get<{ since: string; summary: string }>(key(k))) ?? undefined,
    set: async (k, v) => void (await state.set(key(k), v)),
    delete: async (k) => void (await state.delete(key(k))),
  };
  const intervalMs = monitor.intervalSeconds * 1000;
  const logger = deps.logger.child({ component: 'pacs-monitor' });
  const record = deps.incidentLog && incidentRecorder(deps.incidentLog, IncidentSource.Pacs, logger);
  const guarded = claimedAlerts(stored, { claims: deps.claims, intervalMs, now: deps.now, record });
  return timerTask('pacs-monitor', () =>
    startPacsMonitor(
      {
        connectors: pacs.connectors,
        state: guarded.state,
        thresholds: { failedTasks: monitor.failedTasks, pendingMinutes: monitor.pendingMinutes },
        auditProblem: pacs.auditProblem,
        post: guarded.post((text) => deps.post(channel, text)),
        logger,
        now: deps.now,
      },
      intervalMs,
    ),
  );
}

/**
 * Makes each incident change happen once across replicas: an old leader that has not noticed it lost the lease
 * and the new one may both see "queue failing, no incident yet". The change is claimed before it is recorded:
 * opening under `monitor:<key>:opened:<tick>` (tick = now / interval), recovery under the incident's start
 * time; after the claim the incident is read again. A pass that loses skips the write and the post that
 * follows it: `runMonitorPass` posts right after each change it records, one at a time. The winner alone
 * writes the change to `record` (the incident log), so each incident is logged once.
 */
export function claimedAlerts(
  inner: IncidentState,
  deps: { claims: AlertClaims; intervalMs: number; now: Clock; record?: IncidentRecorder },
): { state: IncidentState; post: (send: MonitorDeps['post']) => MonitorDeps['post'] } {
  const ttlMs = 2 * deps.intervalMs;
  let skipNextPost = false;
  return {
    state: {
      get: (k) => inner.get(k),
      async set(k, v) {
        const tick = Math.floor(deps.now() / deps.intervalMs);
        const won = (await deps.claims.claim(`monitor:${k}:opened:${tick}`, ttlMs)) && !(await inner.get(k));
        skipNextPost = !won;
        if (!won) return;
        await inner.set(k, v);
        await deps.record?.opened(k, v);
      },
      async delete(k) {
        const open = await inner.get(k);
        const won = open !== undefined && (await deps.claims.claim(`monitor:${k}:recovered:${open.since}`, ttlMs));
        skipNextPost = !won;
        if (!won) return;
        await inner.delete(k);
        await deps.record?.recovered(k, open, new Date(deps.now()).toISOString());
      },
    },
    post: (send) => async (text) => {
      const skip = skipNextPost;
      skipNextPost = false;
      if (!skip) await send(text);
    },
  };
}

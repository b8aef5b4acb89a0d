import type { InterfacesSection } from '../config/interfaces.js';
import type { MonitorConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { FetchLike } from '../core/http.js';
import type { Logger } from '../core/logger.js';
import type { InterfaceEngine } from '../interfaces/engine-types.js';
import { createInterfacesMonitor, type InterfacesMonitor } from '../interfaces/interfaces-monitor.js';
import { type IncidentLog, IncidentSource, incidentRecorder } from '../pacs/monitors/incident-log.js';
import type { IncidentState } from '../pacs/monitors/incidents.js';
import type { StateStore } from '../state/create-state-store.js';
import { type BackgroundTask, timerTask } from './background.js';
import { interfaceEngineFor } from './interfaces-engine.js';
import { type AlertClaims, claimedAlerts } from './pacs-monitor-task.js';

export interface InterfacesMonitorTaskDeps {
  interfaces: InterfacesSection;
  monitor: MonitorConfig;
  fetch: FetchLike;
  state: StateStore;
  claims: AlertClaims;
  post: (channel: string, text: string) => Promise<void>;
  logger: Logger;
  now: Clock;
  /** An engine built elsewhere (tests); else the configured one over `fetch`. */
  engine?: InterfaceEngine;
  /** Where each incident's opening and recovery is kept for the weekly digest. */
  incidentLog?: IncidentLog;
}

/** Incidents in the state store beside the PACS monitor's (`incident:interface:<engine>:<channel id>`). */
function storedIncidents(state: StateStore): IncidentState {
  const key = (k: string) => `incident:${k}`;
  return {
    get: async (k) => (await state.get<{ since: string; summary: string }>(key(k))) ?? undefined,
    set: async (k, v) => void (await state.set(key(k), v)),
    delete: async (k) => void (await state.delete(key(k))),
  };
}

/**
 * The interfaces monitor with each incident change claimed across replicas (as the PACS monitor's): an old
 * leader that has not yet noticed it lost the lease cannot announce an incident or a recovery a second time.
 * Undefined unless an engine and OPS_CHANNEL are both configured.
 */
export function claimedInterfacesMonitor(deps: InterfacesMonitorTaskDeps): InterfacesMonitor | undefined {
  const channel = deps.monitor.opsChannel;
  const engine = deps.engine ?? interfaceEngineFor(deps.interfaces, deps.fetch);
  if (!engine || !channel) return undefined;
  const logger = deps.logger.child({ component: 'interfaces-monitor' });
  const guarded = claimedAlerts(storedIncidents(deps.state), {
    claims: deps.claims,
    intervalMs: deps.monitor.intervalSeconds * 1000,
    now: deps.now,
    record: deps.incidentLog && incidentRecorder(deps.incidentLog, IncidentSource.Interfaces, logger),
  });
  return createInterfacesMonitor({
    engine,
    state: guarded.state,
    thresholds: deps.interfaces.thresholds,
    post: guarded.post((text) => deps.post(channel, text)),
    logger,
    now: deps.now,
  });
}

/** Channel states into OPS_CHANNEL every MONITOR_INTERVAL_SECONDS, on the leader (see `scheduledWork`). */
export function interfacesMonitorTask(deps: InterfacesMonitorTaskDeps): BackgroundTask | undefined {
  const monitor = claimedInterfacesMonitor(deps);
  if (!monitor) return undefined;
  const logger = deps.logger.child({ component: 'interfaces-monitor' });
  return timerTask('interfaces-monitor', () => repeat(monitor, deps.monitor.intervalSeconds * 1000, logger));
}

/** Runs a pass at once (an engine already down is reported at start), then each interval; never two at once. */
function repeat(monitor: InterfacesMonitor, intervalMs: number, logger: Logger): () => void {
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    monitor
      .pass()
      .catch((error: unknown) => logger.error({ err: (error as Error).message }, 'interfaces monitor pass failed'))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(pass, 0);
  const timer = setInterval(pass, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

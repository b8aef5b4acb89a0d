import type { InterfacesSection } from '../config/interfaces.js';
import type { Clock } from '../core/clock.js';
import type { FetchLike } from '../core/http.js';
import type { ChannelSnapshot } from '../interfaces/channel-rules.js';
import type { InterfaceEngine } from '../interfaces/engine-types.js';
import {
  type InterfacesReport,
  type InterfacesUnavailable,
  readInterfacesReport,
} from '../interfaces/interfaces-report.js';
import { createMirthEngine } from '../interfaces/mirth/mirth-client.js';

/** The configured engine over the process's shared fetch, or undefined with INTERFACE_ENGINE=none. */
export function interfaceEngineFor(section: InterfacesSection, fetch: FetchLike): InterfaceEngine | undefined {
  if (section.engine === 'none') return undefined;
  return createMirthEngine({ ...section.mirth, fetch });
}

export interface InterfacesReportDeps {
  interfaces: InterfacesSection;
  /** The shared fetch (`createFetch`): HTTP_TIMEOUT_MS, proxy and CA settings apply to the engine too. */
  fetch: FetchLike;
  now: Clock;
  /** An engine already built (it keeps its session between calls); else one is built for this call. */
  engine?: InterfaceEngine;
  /** The monitor's memory, when this process has it, so errors grown since its last pass show as well. */
  previous?: ChannelSnapshot;
}

/**
 * `/pacs interfaces` as data: the report, the engine's failure as its cause, or undefined when no engine is
 * configured (the caller says how to set one up). Read-only and PHI-free: channel names, states and counts.
 */
export async function interfacesReportFor(
  deps: InterfacesReportDeps,
): Promise<InterfacesReport | InterfacesUnavailable | undefined> {
  const engine = deps.engine ?? interfaceEngineFor(deps.interfaces, deps.fetch);
  if (!engine) return undefined;
  return readInterfacesReport(engine, deps.now, {
    thresholds: deps.interfaces.thresholds,
    ...(deps.previous ? { previous: deps.previous } : {}),
  });
}

/** What to tell someone who asks with no engine configured. */
export const noInterfaceEngine =
  'No interface engine is configured: set INTERFACE_ENGINE=mirth with MIRTH_URL, MIRTH_USER and MIRTH_PASSWORD.';

/**
 * For the Slack app: one engine for the process (it keeps its Mirth session between `/pacs interfaces` calls), or
 * undefined with INTERFACE_ENGINE=none.
 */
export function interfacesFor(
  config: { interfaces: InterfacesSection },
  fetch: FetchLike,
  now: Clock,
): (() => Promise<InterfacesReport | InterfacesUnavailable>) | undefined {
  const engine = interfaceEngineFor(config.interfaces, fetch);
  if (!engine) return undefined;
  return () => readInterfacesReport(engine, now, { thresholds: config.interfaces.thresholds });
}

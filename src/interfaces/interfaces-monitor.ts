import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { type IncidentState, observe, type Transition } from '../pacs/monitors/incidents.js';
import {
  type ChannelSnapshot,
  type ChannelThresholds,
  defaultChannelThresholds,
  evaluateChannels,
  findingText,
} from './channel-rules.js';
import type { InterfaceEngine } from './engine-types.js';
import { InterfaceError } from './interface-error.js';

export interface InterfacesMonitorDeps {
  engine: InterfaceEngine;
  /** The PACS monitor's incident store: one key per channel (`interface:<engine>:<channelId>`). */
  state: IncidentState;
  thresholds?: ChannelThresholds;
  /** Posts to OPS_CHANNEL. Channel names, states, counts and causes only: never message content. */
  post(text: string): Promise<void>;
  logger: Logger;
  now: Clock;
}

export interface InterfacesMonitor {
  /** One pass: read the engine, apply the rules, announce what opened or recovered. */
  pass(): Promise<Transition[]>;
  /** The memory the rules keep between passes (for `/pacs interfaces` to show the same problems). */
  snapshot(): ChannelSnapshot | undefined;
}

function message(engine: string, change: Transition): string | undefined {
  if (change.kind === 'opened') return `🚨 *Interface engine (${engine})* ${change.summary}.`;
  if (change.kind === 'recovered') {
    return `✅ *Interface engine (${engine})* recovered (was: ${change.summary}; since ${change.since.slice(11, 16)} UTC).`;
  }
  return undefined;
}

/**
 * The interface-engine part of the monitor. While the engine cannot be read, one engine incident is open and the
 * channels' incidents are left as they are (no false recovery); the rules' memory lives in this object, so a new
 * leader starts with a fresh one (errors are then counted from its first pass).
 */
export function createInterfacesMonitor(deps: InterfacesMonitorDeps): InterfacesMonitor {
  const engine = deps.engine.name;
  const thresholds = deps.thresholds ?? defaultChannelThresholds;
  let memory: ChannelSnapshot | undefined;

  async function record(key: string, problem: string | undefined, now: Date): Promise<Transition> {
    const change = await observe(deps.state, key, problem, now);
    const text = message(engine, change);
    if (text) await deps.post(text);
    return change;
  }

  function logged(changes: Transition[]): Transition[] {
    const moved = changes.filter((c) => c.kind !== 'unchanged');
    if (moved.length)
      deps.logger.info({ changes: moved.map((c) => `${c.kind}:${c.key}`) }, 'interfaces monitor changes');
    return changes;
  }

  return {
    snapshot: () => memory,
    async pass() {
      const now = new Date(deps.now());
      const changes: Transition[] = [];
      const engineKey = `interface:${engine}:engine`;
      let statuses: Awaited<ReturnType<InterfaceEngine['channels']>>;
      try {
        statuses = await deps.engine.channels();
      } catch (error) {
        const cause = error instanceof InterfaceError ? error.message : 'unexpected failure reading the engine';
        changes.push(await record(engineKey, `cannot be read: ${cause}`, now));
        return logged(changes);
      }
      changes.push(await record(engineKey, undefined, now));
      const { findings, snapshot } = evaluateChannels(engine, statuses, memory, now.getTime(), thresholds);
      memory = snapshot;
      for (const finding of findings) changes.push(await record(finding.key, findingText(finding), now));
      const moved = changes.filter((c) => c.kind !== 'unchanged');
      if (moved.length)
        deps.logger.info({ changes: moved.map((c) => `${c.kind}:${c.key}`) }, 'interfaces monitor changes');
      return changes;
    },
  };
}

import type { Clock } from '../core/clock.js';
import { asBotError } from '../core/errors.js';
import { type ChannelSnapshot, type ChannelThresholds, evaluateChannels } from './channel-rules.js';
import type { ChannelState, InterfaceEngine } from './engine-types.js';
import { InterfaceError } from './interface-error.js';

/** One channel in `/pacs interfaces`: configuration names and counts only, never message content. */
export interface ChannelLine {
  id: string;
  name: string;
  state: ChannelState;
  received: number;
  queued: number;
  errored: number;
  /** ISO time of the newest message, when the engine told. */
  lastMessageAt?: string;
  problems: string[];
}

export interface InterfacesReport {
  engine: string;
  checkedAt: string;
  /** Channels with problems first (most problems first), then by name. */
  channels: ChannelLine[];
  totals: { channels: number; withProblems: number; queued: number; errored: number };
}

/** The engine could not be read: its cause is operator-facing and PHI-free (`InterfaceError.message`). */
export interface InterfacesUnavailable {
  engine: string;
  checkedAt: string;
  error: { code: string; cause: string; userMessage: string };
}

/**
 * Builds the summary from statuses. Without `previous` (a one-off `/pacs interfaces`), errors cannot be compared
 * with an earlier pass, so only state and "queued and silent" (from the engine's last message time) can show;
 * the monitor passes its memory to show the same problems it alerts on.
 */
export function buildInterfacesReport(
  engine: string,
  statuses: Parameters<typeof evaluateChannels>[1],
  now: number,
  options: { previous?: ChannelSnapshot; thresholds?: ChannelThresholds } = {},
): InterfacesReport {
  const { findings } = evaluateChannels(engine, statuses, options.previous, now, options.thresholds);
  const problems = new Map(findings.map((f) => [f.channelId, f.problems]));
  const channels: ChannelLine[] = statuses.map((c) => ({
    id: c.id,
    name: c.name,
    state: c.state,
    received: c.received,
    queued: c.queued,
    errored: c.errored,
    ...(c.lastMessageAt === undefined ? {} : { lastMessageAt: new Date(c.lastMessageAt).toISOString() }),
    problems: problems.get(c.id) ?? [],
  }));
  channels.sort((a, b) => b.problems.length - a.problems.length || a.name.localeCompare(b.name));
  return {
    engine,
    checkedAt: new Date(now).toISOString(),
    channels,
    totals: {
      channels: channels.length,
      withProblems: channels.filter((c) => c.problems.length).length,
      queued: channels.reduce((n, c) => n + c.queued, 0),
      errored: channels.reduce((n, c) => n + c.errored, 0),
    },
  };
}

/** Reads the engine and summarises it; a failure to read becomes data (the CLI and Slack show its cause). */
export async function readInterfacesReport(
  engine: InterfaceEngine,
  now: Clock,
  options: { previous?: ChannelSnapshot; thresholds?: ChannelThresholds } = {},
): Promise<InterfacesReport | InterfacesUnavailable> {
  try {
    const statuses = await engine.channels();
    return buildInterfacesReport(engine.name, statuses, now(), options);
  } catch (error) {
    const e = asBotError(error);
    const code = error instanceof InterfaceError ? error.engineCode : e.code;
    // Only our own errors carry a message fit to show; anything else is summarised by its code.
    const cause = error instanceof InterfaceError ? e.message : `${engine.name}: unexpected failure`;
    return {
      engine: engine.name,
      checkedAt: new Date(now()).toISOString(),
      error: { code, cause, userMessage: e.userMessage },
    };
  }
}

import type { ChannelStatus } from './engine-types.js';

/**
 * Pure rules over an engine's channel statuses, the previous pass's memory and the time. They say what is wrong
 * with each channel, in PHI-free words (channel names, states, counts, minutes); the monitor turns a finding into
 * an incident (`observe` from src/pacs/monitors/incidents.ts: opened once, recovered once).
 */
export interface ChannelThresholds {
  /** Errors added within `errorWindowMinutes` that make a problem (at least since the previous pass). */
  erroredGrowth: number;
  errorWindowMinutes: number;
  /** Messages queued and nothing received for this long: the channel counts as stuck. */
  silentMinutes: number;
  /** A channel gone from the dashboard stays a problem this long, then is forgotten (its incident closes). */
  forgetGoneMinutes: number;
}

export const defaultChannelThresholds: ChannelThresholds = {
  erroredGrowth: 5,
  errorWindowMinutes: 60,
  silentMinutes: 30,
  forgetGoneMinutes: 24 * 60,
};

/** What a pass remembers of a channel for the next one. */
export interface ChannelMemory {
  name: string;
  received: number;
  /** When `received` last changed (or when the channel was first seen). */
  receivedChangedAt: number;
  /** `[at, errored]` samples inside the error window, oldest first. */
  errorSamples: Array<[number, number]>;
  /** Set while the channel is missing from the dashboard. */
  goneSince?: number;
}
export type ChannelSnapshot = Readonly<Record<string, ChannelMemory>>;

export interface ChannelFinding {
  /** Incident key: one per engine and channel. */
  key: string;
  channelId: string;
  name: string;
  /** PHI-free reasons, empty when the channel is fine. */
  problems: string[];
}

const MINUTE = 60_000;
const mins = (ms: number) => Math.max(0, Math.round(ms / MINUTE));

export const channelKey = (engine: string, channelId: string) => `interface:${engine}:${channelId}`;

function errorSamples(c: ChannelStatus, before: ChannelMemory | undefined, now: number, windowMs: number) {
  const old = before?.errorSamples ?? [];
  // A counter that went down was reset in the engine: start again from here.
  if (old.some(([, n]) => n > c.errored)) return [[now, c.errored]] as Array<[number, number]>;
  const last = old.at(-1);
  const kept = old.filter(([at]) => at >= now - windowMs);
  if (last && !kept.includes(last)) kept.push(last);
  return [...kept, [now, c.errored]] as Array<[number, number]>;
}

function problemsOf(c: ChannelStatus, m: ChannelMemory, now: number, t: ChannelThresholds): string[] {
  const problems: string[] = [];
  if (c.state === 'stopped' || c.state === 'stopping') problems.push('stopped');
  if (c.state === 'paused' || c.state === 'pausing') problems.push('paused');
  const growth = c.errored - Math.min(...m.errorSamples.map(([, n]) => n));
  if (growth >= t.erroredGrowth) {
    problems.push(`${growth} new error(s) in the last ${t.errorWindowMinutes} min (threshold ${t.erroredGrowth})`);
  }
  const lastActivity = c.lastMessageAt ?? m.receivedChangedAt;
  if (c.queued > 0 && now - lastActivity >= t.silentMinutes * MINUTE) {
    problems.push(`${c.queued} queued, nothing received for ${mins(now - lastActivity)} min`);
  }
  return problems;
}

/** One pass: a finding for every channel seen now or remembered, and the memory for the next pass. */
export function evaluateChannels(
  engine: string,
  statuses: readonly ChannelStatus[],
  previous: ChannelSnapshot | undefined,
  now: number,
  t: ChannelThresholds = defaultChannelThresholds,
): { findings: ChannelFinding[]; snapshot: ChannelSnapshot } {
  const snapshot: Record<string, ChannelMemory> = {};
  const findings: ChannelFinding[] = [];
  for (const c of statuses) {
    const before = previous?.[c.id];
    const memory: ChannelMemory = {
      name: c.name,
      received: c.received,
      receivedChangedAt: before && before.received === c.received ? before.receivedChangedAt : now,
      errorSamples: errorSamples(c, before, now, t.errorWindowMinutes * MINUTE),
    };
    snapshot[c.id] = memory;
    findings.push({
      key: channelKey(engine, c.id),
      channelId: c.id,
      name: c.name,
      problems: problemsOf(c, memory, now, t),
    });
  }
  for (const [id, before] of Object.entries(previous ?? {})) {
    if (snapshot[id]) continue;
    const goneSince = before.goneSince ?? now;
    const forget = now - goneSince >= t.forgetGoneMinutes * MINUTE;
    if (!forget) snapshot[id] = { ...before, goneSince };
    const problems = forget ? [] : ['no longer deployed (gone from the dashboard)'];
    findings.push({ key: channelKey(engine, id), channelId: id, name: before.name, problems });
  }
  return { findings, snapshot };
}

/** The incident text for a finding, or undefined when the channel is fine. */
export function findingText(f: ChannelFinding): string | undefined {
  return f.problems.length ? `channel "${f.name}": ${f.problems.join('; ')}` : undefined;
}

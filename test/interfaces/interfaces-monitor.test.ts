import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { ChannelStatus, InterfaceEngine } from '../../src/interfaces/engine-types.js';
import { InterfaceError } from '../../src/interfaces/interface-error.js';
import { createInterfacesMonitor } from '../../src/interfaces/interfaces-monitor.js';
import type { IncidentState } from '../../src/pacs/monitors/incidents.js';

function memoryState(): IncidentState {
  const map = new Map<string, { since: string; summary: string }>();
  return {
    get: async (k) => map.get(k),
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  };
}

/** A fake engine whose channels the test changes between passes. */
function fakeEngine() {
  const world = {
    channels: [] as ChannelStatus[],
    failure: undefined as Error | undefined,
  };
  const engine: InterfaceEngine = {
    name: 'mirth',
    channels: async () => {
      if (world.failure) throw world.failure;
      return world.channels.map((c) => ({ ...c }));
    },
  };
  return { world, engine };
}

const orm = (over: Partial<ChannelStatus> = {}): ChannelStatus => ({
  id: 'orm-1',
  name: 'ORM to RIS',
  state: 'started',
  received: 50,
  sent: 50,
  queued: 0,
  errored: 0,
  filtered: 0,
  ...over,
});

function setup() {
  const { world, engine } = fakeEngine();
  const posts: string[] = [];
  let now = Date.parse('2026-12-02T08:00:00Z');
  const monitor = createInterfacesMonitor({
    engine,
    state: memoryState(),
    thresholds: { erroredGrowth: 5, errorWindowMinutes: 60, silentMinutes: 30, forgetGoneMinutes: 600 },
    post: async (t) => void posts.push(t),
    logger: createLogger({ level: 'silent' }),
    now: () => now,
  });
  const at = (minutes: number) => {
    now = Date.parse('2026-12-02T08:00:00Z') + minutes * 60_000;
  };
  return { world, monitor, posts, at };
}

describe('interfaces monitor (incidents in OPS_CHANNEL)', () => {
  it('opens an incident once when a channel stops, stays quiet while it lasts, and announces recovery once', async () => {
    const { world, monitor, posts, at } = setup();
    world.channels = [orm()];
    await monitor.pass();
    expect(posts).toEqual([]);
    world.channels = [orm({ state: 'stopped' })];
    at(1);
    await monitor.pass();
    at(2);
    await monitor.pass();
    expect(posts).toEqual(['🚨 *Interface engine (mirth)* channel "ORM to RIS": stopped.']);
    world.channels = [orm()];
    at(3);
    await monitor.pass();
    expect(posts[1]).toBe(
      '✅ *Interface engine (mirth)* recovered (was: channel "ORM to RIS": stopped; since 08:01 UTC).',
    );
    expect(posts).toHaveLength(2);
  });

  it('alerts on errors that grew past the threshold between passes', async () => {
    const { world, monitor, posts, at } = setup();
    world.channels = [orm({ errored: 3 })];
    await monitor.pass();
    world.channels = [orm({ errored: 10 })];
    at(1);
    await monitor.pass();
    expect(posts).toEqual([
      '🚨 *Interface engine (mirth)* channel "ORM to RIS": 7 new error(s) in the last 60 min (threshold 5).',
    ]);
  });

  it('an unreadable engine is one incident with its cause, and does not close the channels’ incidents', async () => {
    const { world, monitor, posts, at } = setup();
    world.channels = [orm({ state: 'paused' })];
    await monitor.pass();
    world.failure = new InterfaceError(
      'engine_auth_failed',
      'Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP 401 at /users/_login)',
    );
    at(1);
    await monitor.pass();
    at(2);
    await monitor.pass();
    world.failure = undefined;
    at(3);
    await monitor.pass();
    expect(posts).toEqual([
      '🚨 *Interface engine (mirth)* channel "ORM to RIS": paused.',
      '🚨 *Interface engine (mirth)* cannot be read: Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP 401 at /users/_login).',
      '✅ *Interface engine (mirth)* recovered (was: cannot be read: Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP 401 at /users/_login); since 08:01 UTC).',
    ]);
  });

  it('never posts the text of an unexpected error', async () => {
    const { world, monitor, posts } = setup();
    world.failure = new Error('boom with PID 998877');
    await monitor.pass();
    expect(posts).toEqual(['🚨 *Interface engine (mirth)* cannot be read: unexpected failure reading the engine.']);
  });
});

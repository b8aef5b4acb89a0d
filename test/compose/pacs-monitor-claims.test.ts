import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../src/cluster/backends/postgres.js';
import { createClaims } from '../../src/cluster/claims.js';
import { claimedAlerts } from '../../src/compose/pacs-monitor-task.js';
import { createLogger } from '../../src/core/logger.js';
import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import type { IncidentState } from '../../src/pacs/monitors/incidents.js';
import { runMonitorPass } from '../../src/pacs/monitors/pacs-monitor.js';
import type { PacsConnector } from '../../src/pacs/types.js';
import { deferred } from '../helpers/deferred.js';
import { tempDir } from '../helpers/temp-dir.js';

const intervalMs = 60_000;
let now = Date.parse('2026-03-02T08:00:00Z');
let database: AppDatabase | undefined;
const dir = tempDir('monitor-claims-');
afterEach(async () => {
  await database?.close();
  database = undefined;
});
afterAll(() => dir.remove());

/** One archive whose queue is failing or not; no echo aliases, so one incident key (`queue:main`). */
function archive(world: { failing: boolean }): PacsConnector {
  return {
    site: { id: 'main', name: 'Main PACS', kind: 'orthanc', aliases: [] },
    findStudies: async () => [],
    listTasks: async () => {
      if (world.failing) throw new Error('connect ECONNREFUSED');
      return [];
    },
    echo: async () => ({ ok: true, ms: 1 }),
    status: async () => ({ site: 'main', reachable: true }),
  };
}

/** The incident state both replicas share (the state store). */
function sharedState() {
  const map = new Map<string, { since: string; summary: string }>();
  return {
    get: async (k: string) => map.get(k),
    set: async (k: string, v: { since: string; summary: string }) => void map.set(k, v),
    delete: async (k: string) => void map.delete(k),
  } satisfies IncidentState;
}

async function race(guard: boolean, world: { failing: boolean }, state: IncidentState, posts: string[]) {
  database ??= await createDatabase({ dataDir: dir.path });
  const replica = (owner: string, inner: IncidentState) => {
    const claims = createClaims(postgresBackend((database as AppDatabase).db), { owner, now: () => now });
    const guarded = claimedAlerts(inner, { claims, intervalMs, now: () => now });
    const post = async (text: string) => void posts.push(`${owner}: ${text.split(' ')[0]}`);
    return {
      connectors: [archive(world)],
      state: guard ? guarded.state : inner,
      thresholds: { failedTasks: 3, pendingMinutes: 15 },
      post: guard ? guarded.post(post) : post,
      logger: createLogger({ level: 'silent' }),
      now: () => now,
    };
  };
  // B reads the incident state (first get), then waits until A's whole pass is done: a paused old leader.
  const { promise: bPaused, resolve: paused } = deferred();
  const { promise: aDone, resolve: resume } = deferred();
  let first = true;
  const slowGet: IncidentState = {
    ...state,
    get: async (k) => {
      const value = await state.get(k);
      if (first) {
        first = false;
        paused();
        await aDone;
      }
      return value;
    },
  };
  const bPass = runMonitorPass(replica('b', slowGet));
  await bPaused;
  await runMonitorPass(replica('a', state));
  resume();
  await bPass;
}

describe('PACS monitor alerts across replicas', () => {
  it('an incident opens and recovers once when an old leader races the new one', async () => {
    const world = { failing: true };
    const state = sharedState();
    const posts: string[] = [];
    await race(true, world, state, posts);
    expect(posts).toEqual(['a: 🚨']);
    world.failing = false;
    now += intervalMs;
    await race(true, world, state, posts);
    expect(posts).toEqual(['a: 🚨', 'a: ✅']);
    expect(await state.get('queue:main')).toBeUndefined();
  });

  it('unguarded, the same race announces the incident twice (what the claimed state prevents)', async () => {
    now += 10 * intervalMs;
    const posts: string[] = [];
    await race(false, { failing: true }, sharedState(), posts);
    expect(posts).toEqual(['a: 🚨', 'b: 🚨']);
  });
});

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../../src/cluster/backends/postgres.js';
import { createClaims } from '../../../src/cluster/claims.js';
import { claimedInterfacesMonitor } from '../../../src/compose/interfaces-monitor-task.js';
import { claimedAlerts } from '../../../src/compose/pacs-monitor-task.js';
import { loadConfig } from '../../../src/config.js';
import { createFetch } from '../../../src/core/http.js';
import { createLogger } from '../../../src/core/logger.js';
import type { AppDatabase } from '../../../src/db/create-database.js';
import type { InterfaceEngine } from '../../../src/interfaces/engine-types.js';
import {
  createIncidentLog,
  type IncidentLog,
  IncidentSource,
  incidentRecorder,
} from '../../../src/pacs/monitors/incident-log.js';
import type { IncidentState } from '../../../src/pacs/monitors/incidents.js';
import { runMonitorPass } from '../../../src/pacs/monitors/pacs-monitor.js';
import type { PacsConnector } from '../../../src/pacs/types.js';
import { createStateStore } from '../../../src/state/create-state-store.js';
import { deferred } from '../../helpers/deferred.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { backends } from '../../kb/gaps/backends.js';

const intervalMs = 60_000;
const silent = createLogger({ level: 'silent' });

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

function memoryState(): IncidentState {
  const map = new Map<string, { since: string; summary: string }>();
  return {
    get: async (k) => map.get(k),
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  };
}

/** A replica's monitor pass as `pacsMonitorTask` wires it: claimed state, claimed posts, the log behind the claim. */
function replica(
  database: AppDatabase,
  owner: string,
  o: { state: IncidentState; log: IncidentLog; world: { failing: boolean }; clock: { now: number }; posts: string[] },
) {
  const claims = createClaims(postgresBackend(database.db), { owner, now: () => o.clock.now });
  const record = incidentRecorder(o.log, IncidentSource.Pacs, silent);
  const guarded = claimedAlerts(o.state, { claims, intervalMs, now: () => o.clock.now, record });
  return {
    connectors: [archive(o.world)],
    state: guarded.state,
    thresholds: { failedTasks: 3, pendingMinutes: 15 },
    post: guarded.post(async (text) => void o.posts.push(`${owner}: ${text.split(' ')[0]}`)),
    logger: silent,
    now: () => o.clock.now,
  };
}

/** B reads the incident state, then waits until A's whole pass is done: a paused old leader. */
async function race(database: AppDatabase, o: Parameters<typeof replica>[2]) {
  const { promise: bPaused, resolve: paused } = deferred();
  const { promise: aDone, resolve: resume } = deferred();
  let first = true;
  const slow: IncidentState = {
    ...o.state,
    get: async (k) => {
      const value = await o.state.get(k);
      if (first) {
        first = false;
        paused();
        await aDone;
      }
      return value;
    },
  };
  const b = runMonitorPass(replica(database, 'b', { ...o, state: slow }));
  await bPaused;
  await runMonitorPass(replica(database, 'a', o));
  resume();
  await b;
}

const week = { since: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' };

describe.each(backends)('incident log on $name', (backend) => {
  let database: AppDatabase;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ database, cleanup } = await backend.open());
  });
  afterAll(async () => {
    await database.close();
    await cleanup();
  });

  it('the monitor opening and recovering an incident leaves one row with both times', async () => {
    const log = createIncidentLog(database);
    const o = { state: memoryState(), log, world: { failing: true }, clock: { now: 0 }, posts: [] as string[] };
    o.clock.now = Date.parse('2026-03-02T08:00:00Z');
    await runMonitorPass(replica(database, 'a', o));
    o.clock.now += intervalMs;
    await runMonitorPass(replica(database, 'a', o));
    expect(await log.openDuring(week)).toEqual([
      {
        key: 'queue:main',
        summary: 'the archive is not answering',
        source: 'pacs',
        openedAt: '2026-03-02T08:00:00.000Z',
      },
    ]);
    o.world.failing = false;
    o.clock.now += 5 * intervalMs;
    await runMonitorPass(replica(database, 'a', o));
    expect(await log.openDuring(week)).toEqual([
      {
        key: 'queue:main',
        summary: 'the archive is not answering',
        source: 'pacs',
        openedAt: '2026-03-02T08:00:00.000Z',
        recoveredAt: '2026-03-02T08:06:00.000Z',
      },
    ]);
    expect(o.posts).toEqual(['a: 🚨', 'a: ✅']);
  });

  it('two replicas racing write one row for the opening and one recovery', async () => {
    const log = createIncidentLog(database);
    const range = { since: '2026-04-01T00:00:00.000Z', until: '2026-05-01T00:00:00.000Z' };
    const o = { state: memoryState(), log, world: { failing: true }, clock: { now: 0 }, posts: [] as string[] };
    o.clock.now = Date.parse('2026-04-06T10:00:00Z');
    await race(database, o);
    o.world.failing = false;
    o.clock.now += intervalMs;
    await race(database, o);
    expect(o.posts).toEqual(['a: 🚨', 'a: ✅']);
    expect(await log.openDuring(range)).toEqual([
      {
        key: 'queue:main',
        summary: 'the archive is not answering',
        source: 'pacs',
        openedAt: '2026-04-06T10:00:00.000Z',
        recoveredAt: '2026-04-06T10:01:00.000Z',
      },
    ]);
  });

  it('a recovery of an incident opened before the log existed writes the whole row; a repeated opening adds none', async () => {
    const log = createIncidentLog(database);
    const incident = { key: 'echo:main:ct3', summary: 'DICOM echo failed (refused)', source: IncidentSource.Pacs };
    await log.recovered({ ...incident, openedAt: '2026-06-01T09:00:00.000Z', recoveredAt: '2026-06-01T09:30:00.000Z' });
    await log.opened({ ...incident, openedAt: '2026-06-01T09:00:00.000Z' });
    expect(await log.openDuring({ since: '2026-06-01T00:00:00.000Z', until: '2026-06-02T00:00:00.000Z' })).toEqual([
      { ...incident, openedAt: '2026-06-01T09:00:00.000Z', recoveredAt: '2026-06-01T09:30:00.000Z' },
    ]);
  });

  it('the interfaces monitor logs its incidents as source interfaces', async () => {
    const dir = tempDir('incident-interfaces-');
    const state = await createStateStore({ dataDir: dir.path });
    const world = { state: 'stopped' as 'stopped' | 'started' };
    const engine: InterfaceEngine = {
      name: 'mirth',
      channels: async () => [
        {
          id: 'orm-1',
          name: 'ORM to RIS',
          state: world.state,
          received: 1,
          sent: 1,
          queued: 0,
          errored: 0,
          filtered: 0,
        },
      ],
    };
    const c = loadConfig({
      DATA_DIR: dir.path,
      INTERFACE_ENGINE: 'mirth',
      MIRTH_URL: 'https://mirth.test',
      MIRTH_USER: 'pacsdesk',
      MIRTH_PASSWORD: 's3cret',
      OPS_CHANNEL: 'C0OPS',
    });
    const clock = { now: Date.parse('2026-07-01T08:00:00Z') };
    const log = createIncidentLog(database);
    const monitor = claimedInterfacesMonitor({
      interfaces: c.interfaces,
      monitor: c.monitor,
      fetch: createFetch({ timeoutMs: 1000 }),
      state,
      claims: createClaims(postgresBackend(database.db), { now: () => clock.now }),
      post: async () => {},
      logger: silent,
      now: () => clock.now,
      engine,
      incidentLog: log,
    });
    await monitor?.pass();
    world.state = 'started';
    clock.now += intervalMs;
    await monitor?.pass();
    await state.clear();
    dir.remove();
    const rows = await log.openDuring({ since: '2026-07-01T00:00:00.000Z', until: '2026-07-02T00:00:00.000Z' });
    expect(rows).toEqual([
      expect.objectContaining({
        key: 'interface:mirth:orm-1',
        source: 'interfaces',
        openedAt: '2026-07-01T08:00:00.000Z',
        recoveredAt: '2026-07-01T08:01:00.000Z',
      }),
    ]);
  });
});

describe('incident log failures', () => {
  it('a failing write is logged without the summary and the monitor still announces the incident', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const broken: IncidentLog = {
      opened: async () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
      recovered: async () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
      openDuring: async () => [],
    };
    const claims = { claim: async () => true };
    let now = Date.parse('2026-03-02T08:00:00Z');
    const world = { failing: true };
    const record = incidentRecorder(broken, IncidentSource.Pacs, logger);
    const guarded = claimedAlerts(memoryState(), { claims, intervalMs, now: () => now, record });
    const posts: string[] = [];
    const deps = {
      connectors: [archive(world)],
      state: guarded.state,
      thresholds: { failedTasks: 3, pendingMinutes: 15 },
      post: guarded.post(async (text) => void posts.push(text.split(' ')[0] ?? '')),
      logger: silent,
      now: () => now,
    };
    await runMonitorPass(deps);
    world.failing = false;
    now += intervalMs;
    await runMonitorPass(deps);
    expect(posts).toEqual(['🚨', '✅']);
    const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'incident log write failed');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ key: 'queue:main', source: 'pacs', err: 'SQLITE_BUSY: database is locked' });
    expect(lines.join('')).not.toContain('not answering');
  });
});

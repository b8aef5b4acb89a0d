import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryBackend } from '../../src/cluster/backends/memory.js';
import { createClaims } from '../../src/cluster/claims.js';
import { claimedInterfacesMonitor, interfacesMonitorTask } from '../../src/compose/interfaces-monitor-task.js';
import { loadConfig } from '../../src/config.js';
import { createFetch } from '../../src/core/http.js';
import { createLogger } from '../../src/core/logger.js';
import type { ChannelStatus, InterfaceEngine } from '../../src/interfaces/engine-types.js';
import { createStateStore, type StateStore } from '../../src/state/create-state-store.js';
import { deferred } from '../helpers/deferred.js';
import { tempDir } from '../helpers/temp-dir.js';
import { dashboardStatus, newestMessage, ORM_ID } from '../interfaces/mirth-fixtures.js';

const host = 'https://mirth.hospital.test:8443';
const json = { 'content-type': 'application/json' };
const dir = tempDir('interfaces-task-');
const states: StateStore[] = [];
afterAll(async () => {
  for (const state of states) await state.clear();
  dir.remove();
});

const config = (extra: NodeJS.ProcessEnv = {}) =>
  loadConfig({
    DATA_DIR: dir.path,
    INTERFACE_ENGINE: 'mirth',
    MIRTH_URL: host,
    MIRTH_USER: 'pacsdesk',
    MIRTH_PASSWORD: 's3cret',
    OPS_CHANNEL: 'C0123OPS',
    ...extra,
  });

/** The real state store (Redis, a namespace of its own), as the replicas share it. */
async function sharedState(): Promise<StateStore> {
  const state = await createStateStore({
    dataDir: dir.path,
    redisUrl: 'redis://127.0.0.1:6379',
    namespace: `test-interfaces-${randomUUID()}`,
  });
  states.push(state);
  return state;
}

function deps(state: StateStore, clock: { now: number }, posts: string[], owner = 'r1') {
  const c = config();
  return {
    interfaces: c.interfaces,
    monitor: c.monitor,
    fetch: createFetch({ timeoutMs: 2000 }),
    state,
    claims: createClaims(backend, { owner, now: () => clock.now }),
    post: async (channel: string, text: string) => void posts.push(`${channel} ${text}`),
    logger: createLogger({ level: 'silent' }),
    now: () => clock.now,
  };
}
const backend = memoryBackend();

/** One pass's calls in Mirth's documented shapes: the dashboard with one channel, then its newest message. */
function mirthPass(scope: nock.Scope, state: string, receivedAt: number) {
  return scope
    .get('/api/channels/statuses')
    .reply(
      200,
      { list: { dashboardStatus: dashboardStatus(ORM_ID, 'ORM to RIS', state, { received: 40, sent: 40, error: 0 }) } },
      json,
    )
    .get(`/api/channels/${ORM_ID}/messages`)
    .query({ limit: '1', includeContent: 'false' })
    .reply(200, newestMessage(ORM_ID, receivedAt), json);
}

function login(scope: nock.Scope) {
  return scope
    .post('/api/users/_login', (body) => body.username === 'pacsdesk' && body.password === 's3cret')
    .reply(
      200,
      { 'com.mirth.connect.model.LoginStatus': { status: 'SUCCESS', message: null } },
      {
        ...json,
        'set-cookie': 'JSESSIONID=node0abc.node0; Path=/api; Secure; HttpOnly',
      },
    );
}

describe('interfaces monitor task (Mirth through nock, incidents in the state store)', () => {
  it('a stopped channel opens one incident in OPS_CHANNEL, stays quiet while stopped, and recovers once', async () => {
    const clock = { now: Date.parse('2026-12-02T08:00:00Z') };
    const posts: string[] = [];
    const state = await sharedState();
    const monitor = claimedInterfacesMonitor(deps(state, clock, posts));
    if (!monitor) throw new Error('the monitor should be configured');
    const scope = nock(host, { reqheaders: { 'x-requested-with': (v) => v.length > 0 } });
    login(scope);

    mirthPass(scope, 'STOPPED', clock.now - 60_000);
    await monitor.pass();
    expect(posts).toEqual(['C0123OPS 🚨 *Interface engine (mirth)* channel "ORM to RIS": stopped.']);
    expect(await state.get(`incident:interface:mirth:${ORM_ID}`)).toMatchObject({ since: '2026-12-02T08:00:00.000Z' });

    clock.now += 60_000;
    mirthPass(scope, 'STOPPED', clock.now - 120_000);
    await monitor.pass();
    expect(posts).toHaveLength(1);

    clock.now += 60_000;
    mirthPass(scope, 'STARTED', clock.now - 1000);
    await monitor.pass();
    expect(posts).toHaveLength(2);
    expect(posts[1]).toMatch(
      /^C0123OPS ✅ \*Interface engine \(mirth\)\* recovered \(was: channel "ORM to RIS": stopped; since 08:00 UTC\)\.$/,
    );
    expect(await state.get(`incident:interface:mirth:${ORM_ID}`)).toBeUndefined();
    expect(scope.pendingMocks()).toEqual([]);
  });

  it('an old leader racing the new one over the same stopped channel announces nothing twice', async () => {
    const clock = { now: Date.parse('2026-12-02T10:00:00Z') };
    const posts: string[] = [];
    const state = await sharedState();
    const stopped: ChannelStatus = {
      id: 'orm-1',
      name: 'ORM to RIS',
      state: 'stopped',
      received: 1,
      sent: 1,
      queued: 0,
      errored: 0,
      filtered: 0,
    };
    const engine: InterfaceEngine = { name: 'mirth', channels: async () => [{ ...stopped }] };
    // B (the old leader) reads "no incident yet", then waits until A has opened and announced it.
    const { promise: bRead, resolve: readDone } = deferred();
    const { promise: aDone, resolve: resume } = deferred();
    const slow = {
      get: async (key: string) => {
        const value = await state.get(key);
        if (key.endsWith(':orm-1')) {
          readDone();
          await aDone;
        }
        return value;
      },
      set: (key: string, value: unknown) => state.set(key, value),
      delete: (key: string) => state.delete(key),
    } as unknown as StateStore;
    const b = claimedInterfacesMonitor({ ...deps(slow, clock, posts, 'old'), engine });
    const a = claimedInterfacesMonitor({ ...deps(state, clock, posts, 'new'), engine });
    const bPass = b?.pass();
    await bRead;
    await a?.pass();
    resume();
    await bPass;
    expect(posts).toEqual(['C0123OPS 🚨 *Interface engine (mirth)* channel "ORM to RIS": stopped.']);
  });

  it('is off without an engine or without OPS_CHANNEL', async () => {
    const state = await sharedState();
    const base = deps(state, { now: 0 }, []);
    expect(interfacesMonitorTask({ ...base, interfaces: config({ INTERFACE_ENGINE: 'none' }).interfaces })).toBe(
      undefined,
    );
    expect(interfacesMonitorTask({ ...base, monitor: config({ OPS_CHANNEL: '' }).monitor })).toBe(undefined);
  });

  it('runs its first pass as soon as it starts, and stops', async () => {
    const posted = deferred();
    const posts: string[] = [];
    const base = deps(await sharedState(), { now: Date.parse('2026-12-02T12:00:00Z') }, posts);
    const engine: InterfaceEngine = {
      name: 'mirth',
      channels: async () => [
        { id: 'adt-1', name: 'ADT in', state: 'paused', received: 3, sent: 3, queued: 0, errored: 0, filtered: 0 },
      ],
    };
    const task = interfacesMonitorTask({
      ...base,
      engine,
      post: async (channel, text) => {
        await base.post(channel, text);
        posted.resolve();
      },
    });
    expect(task?.name).toBe('interfaces-monitor');
    task?.start();
    await posted.promise;
    await task?.stop();
    expect(posts).toEqual(['C0123OPS 🚨 *Interface engine (mirth)* channel "ADT in": paused.']);
  });
});

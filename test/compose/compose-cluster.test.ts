import { afterAll, describe, expect, it } from 'vitest';
import { composeCluster, redisBusChannel } from '../../src/compose/compose-cluster.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { createDatabase } from '../../src/db/create-database.js';
import { runReadiness } from '../../src/slack/front/readiness.js';
import { createStateStore, stateStoreAnswers } from '../../src/state/create-state-store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait-until.js';

const redisUrl = 'redis://127.0.0.1:6379';
const logger = createLogger({ level: 'silent' });
const dir = tempDir('compose-cluster-');
afterAll(() => dir.remove());

describe('readiness probes for what replicas share', () => {
  it('Redis: ok while it answers PING, failing when it cannot be reached', async () => {
    const state = await createStateStore({ dataDir: dir.path, redisUrl });
    expect(await stateStoreAnswers(state)).toBe(true);
    await state.disconnect();
    const nowhere = await createStateStore({ dataDir: dir.path, redisUrl: 'redis://127.0.0.1:9' });
    expect(await stateStoreAnswers(nowhere, 300)).toBe(false);
    await nowhere.disconnect().catch(() => undefined);
    // SQLite state is a local file: nothing to probe.
    expect(await stateStoreAnswers(await createStateStore({ dataDir: dir.path }))).toBe(true);
  });

  it('cluster tables: ok while the database answers, failing once it is gone', async () => {
    const database = await createDatabase({ dataDir: dir.path });
    const config = loadConfig({ DATA_DIR: dir.path, KB_WATCH: 'false', REPLICA_ID: 'probe-a' });
    const cluster = await composeCluster(config, { database, logger, now: Date.now });
    expect(await runReadiness({ cluster: cluster.answers })).toEqual({ ready: true, checks: { cluster: 'ok' } });
    await database.close();
    expect(await runReadiness({ cluster: cluster.answers })).toEqual({ ready: false, checks: { cluster: 'failing' } });
    await cluster.close();
  });
});

describe('composeCluster with REDIS_URL', () => {
  it('puts the bus on Redis: a message from one replica reaches the other', async () => {
    const database = await createDatabase({ dataDir: dir.path });
    const replica = (id: string) =>
      composeCluster(loadConfig({ DATA_DIR: dir.path, KB_WATCH: 'false', REDIS_URL: redisUrl, REPLICA_ID: id }), {
        database,
        logger,
        now: Date.now,
      });
    const [a, b] = [await replica('bus-a'), await replica('bus-b')];
    try {
      const heard: string[] = [];
      b.bus.subscribe('role_group_changed', ({ message }) => {
        if (message.replicaId === 'bus-a') heard.push(message.subteamId);
      });
      await a.bus.publish('role_group_changed', { subteamId: 'S0TEST' });
      await waitUntil(() => expect(heard).toEqual(['S0TEST']));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.close();
    }
  });

  it('keeps deployments on different Redis databases apart: a message on db 3 is not heard on db 4', async () => {
    expect(redisBusChannel('redis://127.0.0.1:6379')).toBe('pacs_desk_bus_db0');
    expect(redisBusChannel('redis://:secret@cache:6379/7')).toBe('pacs_desk_bus_db7');
    const database = await createDatabase({ dataDir: dir.path });
    const replica = (id: string, db: number) =>
      composeCluster(
        loadConfig({
          DATA_DIR: dir.path,
          KB_WATCH: 'false',
          REDIS_URL: `redis://127.0.0.1:6379/${db}`,
          REPLICA_ID: id,
        }),
        { database, logger, now: Date.now },
      );
    const [a, sameDb, otherDb] = [await replica('db3-a', 3), await replica('db3-b', 3), await replica('db4-c', 4)];
    try {
      const heard: string[] = [];
      for (const [name, r] of [
        ['same', sameDb],
        ['other', otherDb],
      ] as const)
        r.bus.subscribe('role_group_changed', ({ message }) => {
          heard.push(`${name}:${message.subteamId}`);
        });
      await a.bus.publish('role_group_changed', { subteamId: 'S0APART' });
      await waitUntil(() => expect(heard).toContain('same:S0APART'));
      // Redis delivers to one subscriber connection in publish order: once the db-4 replica hears its own later
      // message, it would already have heard the db-3 one, had it been on that channel.
      await otherDb.bus.publish('role_group_changed', { subteamId: 'S0MARK' });
      await waitUntil(() => expect(heard).toContain('other:S0MARK'));
      expect(heard).not.toContain('other:S0APART');
      expect(heard).not.toContain('same:S0MARK');
    } finally {
      await Promise.all([a.close(), sameDb.close(), otherDb.close()]);
      await database.close();
    }
  });
});

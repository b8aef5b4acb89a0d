import { afterEach, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../src/cluster/backends/postgres.js';
import { createClaims } from '../../src/cluster/claims.js';
import { createDatabase } from '../../src/db/create-database.js';
import { tempDir } from '../helpers/temp-dir.js';
import { backendCases, type SharedStore } from './claims-backends.js';

const ttlMs = 400;

describe.each(backendCases)('claims on $name', (backendCase) => {
  let store: SharedStore;
  afterEach(() => store.close());

  async function threeReplicas() {
    store = await backendCase.open(3);
    return store.backends.map((backend) => createClaims(backend, { now: store.now }));
  }

  it('gives a key to exactly one of 20 concurrent claims from 3 clients', async () => {
    const replicas = await threeReplicas();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => replicas[i % replicas.length]!.claim('event:Ev1', 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await replicas[0]!.claim('event:Ev2', 60_000)).toBe(true);
  });

  it('lets another client take over an expired claim, and no one before it expires', async () => {
    const [a, b] = await threeReplicas();
    expect(await a!.claim('k', ttlMs)).toBe(true);
    expect(await b!.claim('k', ttlMs)).toBe(false);
    await store.afterTtl(ttlMs, async () => expect(await b!.claim('k', ttlMs)).toBe(true));
    expect(await a!.claim('k', ttlMs)).toBe(false);
  });

  it('lets the key be claimed again once its holder releases it; a non-holder cannot release it', async () => {
    const [a, b, c] = await threeReplicas();
    expect(await a!.claim('k', 60_000)).toBe(true);
    await b!.release('k');
    expect(await c!.claim('k', 60_000)).toBe(false);
    await a!.release('k');
    expect(await c!.claim('k', 60_000)).toBe(true);
    expect(await b!.claim('k', 60_000)).toBe(false);
  });

  it('extends only the holder’s live claim', async () => {
    const [a, b, c] = await threeReplicas();
    expect(await a!.claim('k', ttlMs)).toBe(true);
    expect(await a!.claim('sentinel', ttlMs)).toBe(true);
    expect(await b!.extend('k', 60_000)).toBe(false);
    expect(await a!.extend('k', 60_000)).toBe(true);
    // Once the sentinel, claimed with the same TTL, has expired, the extended claim still holds.
    await store.afterTtl(ttlMs, async () => expect(await c!.claim('sentinel', ttlMs)).toBe(true));
    expect(await b!.claim('k', ttlMs)).toBe(false);
    expect(await a!.extend('sentinel', 60_000)).toBe(false);
  });
});

describe('claims migration on SQLite', () => {
  it('creates the tables, and the SQL backend runs on them', async () => {
    const dir = tempDir();
    const { db, close } = await createDatabase({ dataDir: dir.path });
    const claims = createClaims(postgresBackend(db), { now: () => 1_000 });
    expect([await claims.claim('k', 100), await claims.claim('k', 100)]).toEqual([true, false]);
    await close();
    dir.remove();
  });
});

describe('claims', () => {
  it('refuses a TTL that is not a positive whole number of ms', async () => {
    const claims = createClaims({
      claims: { claim: async () => true, release: async () => {}, extend: async () => true, prune: async () => 0 },
    });
    await expect(claims.claim('k', 0)).rejects.toThrow(RangeError);
    await expect(claims.extend('k', 1.5)).rejects.toThrow(RangeError);
  });
});

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../src/cluster/backends/postgres.js';
import { createClaims } from '../../src/cluster/claims.js';
import { createDatabase } from '../../src/db/create-database.js';
import { tempDir } from '../helpers/temp-dir.js';
import { backendCases, type SharedStore } from './claims-backends.js';

const ttlMs = 400;

describe.each(backendCases)('claims pruning on $name', (backendCase) => {
  let store: SharedStore;
  afterEach(() => store.close());

  it('deletes only expired claims (Redis has expired them itself: 0), and live claims still hold', async () => {
    store = await backendCase.open(2);
    const [a, b] = store.backends.map((backend) => createClaims(backend, { now: store.now }));
    expect(await a!.claim('old-1', ttlMs)).toBe(true);
    expect(await a!.claim('old-2', ttlMs)).toBe(true);
    expect(await a!.claim('sentinel', ttlMs)).toBe(true);
    expect(await a!.claim('live', 60_000)).toBe(true);
    expect(await b!.prune()).toBe(0);
    // Once the sentinel can be claimed again, old-1 and old-2 (claimed before it, same TTL) have expired.
    await store.afterTtl(ttlMs, async () => expect(await b!.claim('sentinel', 60_000)).toBe(true));
    expect(await b!.prune()).toBe(backendCase.name === 'Redis' ? 0 : 2);
    expect(await b!.prune()).toBe(0);
    expect(await b!.claim('live', 60_000)).toBe(false);
    expect(await a!.extend('live', 60_000)).toBe(true);
    expect(await b!.claim('old-1', 60_000)).toBe(true);
  });
});

describe('claims pruning on SQLite', () => {
  it('deletes the expired rows from cluster_claims', async () => {
    const dir = tempDir();
    const { db, close } = await createDatabase({ dataDir: dir.path });
    let at = 1_000;
    const claims = createClaims(postgresBackend(db), { now: () => at });
    await claims.claim('old', 100);
    await claims.claim('live', 1_000);
    at += 100;
    expect(await claims.prune()).toBe(1);
    const { rows } = await sql<{ key: string }>`select key from cluster_claims`.execute(db);
    expect(rows.map((row) => row.key)).toEqual(['live']);
    await close();
    dir.remove();
  });
});

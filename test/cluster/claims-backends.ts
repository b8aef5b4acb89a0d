import { randomBytes } from 'node:crypto';
import { createClient } from '@keyv/redis';
import type { ClusterBackend } from '../../src/cluster/backends/cluster-backend.js';
import { memoryBackend } from '../../src/cluster/backends/memory.js';
import { postgresBackend } from '../../src/cluster/backends/postgres.js';
import { redisBackend } from '../../src/cluster/backends/redis.js';
import type { Clock } from '../../src/core/clock.js';
import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import { createTempDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait-until.js';

/** Several replicas' views of one shared store: each backend has its own client or connection pool. */
export interface SharedStore {
  backends: ClusterBackend[];
  /** The clock every replica passes; only the memory and PostgreSQL backends read it. */
  now: Clock;
  /**
   * Runs `check` once the TTL has passed: the injected clock moves on by `ttlMs`; Redis expires keys on its own
   * clock, so `check` is retried until it passes (a real TTL, kept short by the tests).
   */
  afterTtl(ttlMs: number, check: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface BackendCase {
  name: string;
  open(replicas: number): Promise<SharedStore>;
}

function manualClock() {
  let at = Date.now();
  return {
    now: () => at,
    async afterTtl(ttlMs: number, check: () => Promise<void>) {
      at += ttlMs;
      await check();
    },
  };
}

const memory: BackendCase = {
  name: 'memory',
  async open(replicas) {
    const shared = memoryBackend();
    return { ...manualClock(), backends: Array.from({ length: replicas }, () => shared), close: async () => {} };
  },
};

const redis: BackendCase = {
  name: 'Redis',
  async open(replicas) {
    const prefix = `test-cluster-${randomBytes(4).toString('hex')}`;
    const clients = Array.from({ length: replicas }, () => createClient({ url: 'redis://127.0.0.1:6379' }));
    await Promise.all(clients.map((client) => client.connect()));
    return {
      backends: clients.map((client) => redisBackend(client, { prefix })),
      now: () => Date.now(),
      afterTtl: (ttlMs, check) => waitUntil(check, { timeout: ttlMs + 1000, interval: 20 }),
      async close() {
        const cleaner = createClient({ url: 'redis://127.0.0.1:6379' });
        await cleaner.connect();
        const keys = await cleaner.keys(`${prefix}:*`);
        if (keys.length > 0) await cleaner.del(keys);
        await Promise.all([cleaner, ...clients].filter((client) => client.isOpen).map((client) => client.close()));
      },
    };
  },
};

const postgres: BackendCase = {
  name: 'PostgreSQL',
  async open(replicas) {
    const database = await createTempDatabase();
    const dir = tempDir();
    const databases: AppDatabase[] = [];
    // One after another: the first runs the migrations, the others find them done.
    for (let i = 0; i < replicas; i++)
      databases.push(await createDatabase({ dataDir: dir.path, databaseUrl: database.url }));
    return {
      ...manualClock(),
      backends: databases.map(({ db }) => postgresBackend(db)),
      async close() {
        await Promise.all(databases.map((d) => d.close()));
        await database.drop();
        dir.remove();
      },
    };
  },
};

export const backendCases: readonly BackendCase[] = [memory, redis, postgres];

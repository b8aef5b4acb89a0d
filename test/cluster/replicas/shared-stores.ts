import { createClient } from '@keyv/redis';
import { createTempDatabase } from '../../helpers/postgres.js';

/** The Redis server every developer machine and CI run has. */
export const redisBase = 'redis://127.0.0.1:6379';

export interface SharedStores {
  /** A fresh PostgreSQL database, dropped by `drop`. */
  databaseUrl: string;
  /** `redis://127.0.0.1:6379/<n>`: a logical database this test file holds alone, flushed before and after. */
  redisUrl: string;
  drop(): Promise<void>;
}

const CLAIM_KEY = 'pacs-desk-test:replicas-claim';

/**
 * Claims an unused Redis logical database (1–15): a marker key set with NX in an otherwise empty database, so
 * test files running side by side never flush each other's. Throws when all fifteen are taken.
 */
async function claimRedisDb(): Promise<{ url: string; release(): Promise<void> }> {
  const order = Array.from({ length: 15 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
  for (const n of order) {
    const url = `${redisBase}/${n}`;
    const client = createClient({ url });
    await client.connect();
    const claimed = (await client.set(CLAIM_KEY, String(process.pid), { NX: true, EX: 900 })) === 'OK';
    if (claimed && (await client.dbSize()) === 1) {
      await client.quit();
      return {
        url,
        async release() {
          const c = createClient({ url });
          await c.connect();
          await c.flushDb();
          await c.quit();
        },
      };
    }
    if (claimed) await client.del(CLAIM_KEY);
    await client.quit();
  }
  throw new Error('no free Redis logical database among 1–15 (another test run holds them all)');
}

/** A fresh PostgreSQL database and Redis logical database for one test file (or one bench run). */
export async function createSharedStores(): Promise<SharedStores> {
  const [database, redis] = await Promise.all([createTempDatabase(), claimRedisDb()]);
  return {
    databaseUrl: database.url,
    redisUrl: redis.url,
    async drop() {
      await Promise.allSettled([database.drop(), redis.release()]);
    },
  };
}

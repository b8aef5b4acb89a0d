import { join } from 'node:path';
import Keyv from 'keyv';
import { SqliteKeyvStore } from './sqlite-keyv-store.js';

export type StateStore = Keyv;

/** Small state (event dedupe, answer records): Redis when REDIS_URL is set, else SQLite under DATA_DIR. */
export async function createStateStore(options: {
  dataDir: string;
  redisUrl?: string;
  namespace?: string;
}): Promise<StateStore> {
  const namespace = options.namespace ?? 'pacs-desk';
  if (options.redisUrl) {
    // Loaded only when configured: it adds ~0.4 s to a cold start.
    const { default: KeyvRedis } = await import('@keyv/redis');
    return new Keyv({ store: new KeyvRedis(options.redisUrl), namespace });
  }
  const store = new SqliteKeyvStore(join(options.dataDir, 'state.sqlite'));
  store.prune();
  return new Keyv({ store, namespace });
}

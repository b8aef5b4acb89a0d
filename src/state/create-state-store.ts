import { join } from 'node:path';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { SqliteKeyvStore } from './sqlite-keyv-store.js';

export type StateStore = Keyv;

/** Small state (event dedupe, answer records): Redis when REDIS_URL is set, else SQLite under DATA_DIR. */
export function createStateStore(options: { dataDir: string; redisUrl?: string; namespace?: string }): StateStore {
  const namespace = options.namespace ?? 'pacs-desk';
  if (options.redisUrl) return new Keyv({ store: new KeyvRedis(options.redisUrl), namespace });
  const store = new SqliteKeyvStore(join(options.dataDir, 'state.sqlite'));
  store.prune();
  return new Keyv({ store, namespace });
}

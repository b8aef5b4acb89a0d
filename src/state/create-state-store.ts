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

/** The part of `@keyv/redis` the probe uses: its client, connected on first use. */
interface RedisStoreLike {
  getClient(): Promise<{ ping(): Promise<string> }>;
}

/**
 * For /readyz with REDIS_URL: true when Redis answers PING within `timeoutMs`. Keyv swallows store errors (a
 * read returns undefined), so the probe asks the client itself; while it reconnects, PING waits in its offline
 * queue and the timeout says false. Always true on SQLite (a local file; the database probe covers the disk).
 */
export async function stateStoreAnswers(state: StateStore, timeoutMs = 1000): Promise<boolean> {
  const store = state.store as Partial<RedisStoreLike>;
  if (typeof store.getClient !== 'function') return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = async () => (await (store as RedisStoreLike).getClient()).ping();
  try {
    return await Promise.race([ping().then((reply) => reply === 'PONG'), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

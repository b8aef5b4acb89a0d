import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { checkpointDatabase, databaseAnswers } from '../db/db-probe.js';
import type { ReadinessProbe } from '../slack/front/readiness.js';
import { stateStoreAnswers } from '../state/create-state-store.js';
import { type ComposedCluster, composeCluster } from './compose-cluster.js';
import { composeStores, type Stores } from './compose-stores.js';
import { holdSingleInstance } from './single-instance.js';

/** What a replica shares with the others (or, on SQLite, keeps to itself): the stores and the cluster. */
export interface Shared {
  stores: Stores;
  cluster: ComposedCluster;
  /** /readyz probes for them: database, cluster tables, Redis (with REDIS_URL). Names only, no error text. */
  readiness: Record<string, ReadinessProbe>;
  /** Closes the bus, releases the single-instance lease, checkpoints SQLite and closes the stores. */
  close(): Promise<void>;
}

/**
 * The stores, then the cluster on the same database; on SQLite (no DATABASE_URL) also the single-instance lease,
 * held and renewed until `close()`, so a second process on the same DATA_DIR refuses to start. A step that
 * fails closes what the earlier ones opened.
 */
export async function composeShared(config: Config, deps: { logger: Logger; now: Clock }): Promise<Shared> {
  const { logger, now } = deps;
  const stores = await composeStores(config, { logger, now });
  const opened: (() => Promise<unknown>)[] = [() => stores.close()];
  const unwind = async (error: unknown): Promise<never> => {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw error;
  };
  const cluster = await composeCluster(config, { database: stores.database, logger, now }).catch(unwind);
  opened.push(() => cluster.close());
  const single = config.databaseUrl
    ? undefined
    : await holdSingleInstance({
        database: stores.database,
        backend: cluster.backend,
        holderId: cluster.replicaId,
        dataDir: config.dataDir,
        ttlMs: config.cluster.leaderLeaseMs,
        logger,
        now,
      }).catch(unwind);
  single?.start();
  return {
    stores,
    cluster,
    readiness: {
      database: () => databaseAnswers(stores.database),
      cluster: () => cluster.answers(),
      ...(config.redisUrl ? { redis: () => stateStoreAnswers(stores.state) } : {}),
    },
    async close() {
      await cluster.close();
      await single
        ?.stop()
        .catch((error: unknown) =>
          logger.warn({ err: (error as Error).message }, 'could not release the single-instance lease'),
        );
      await checkpointDatabase(stores.database).catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'WAL checkpoint at shutdown failed'),
      );
      await stores.close();
    },
  };
}

import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { ClusterBackend } from '../cluster/backends/cluster-backend.js';
import { postgresBackend } from '../cluster/backends/postgres.js';
import { type Bus, createBus } from '../cluster/bus.js';
import { type BusBackend, defaultBusChannel } from '../cluster/bus-backends/backend.js';
import { type Claims, createClaims } from '../cluster/claims.js';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { AppDatabase } from '../db/create-database.js';

/** What replicas share: claims and leases in the database, and the fan-out bus. */
export interface ComposedCluster {
  /** This process's name in leases, claims, bus messages and logs. */
  replicaId: string;
  backend: ClusterBackend;
  claims: Claims;
  bus: Bus;
  /** For /readyz: the cluster tables answer. */
  answers(): Promise<boolean>;
  /** Closes the bus's connections; the database belongs to the stores. */
  close(): Promise<void>;
}

/** REPLICA_ID, or host name and process id: unique per process on a host, readable in logs. */
export function replicaIdOf(config: Pick<Config, 'cluster'>): string {
  return config.cluster.replicaId ?? `${hostname()}-${process.pid}`;
}

/**
 * Claims and leases live in the app database on both dialects (the backend's SQL is portable), so on SQLite a
 * restarted process still sees its claims. The bus: Redis pub/sub when REDIS_URL is set, else PostgreSQL
 * LISTEN/NOTIFY when DATABASE_URL is, else in-process (one SQLite instance has no one to tell).
 */
export async function composeCluster(
  config: Config,
  deps: { database: AppDatabase; logger: Logger; now: Clock },
): Promise<ComposedCluster> {
  const replicaId = replicaIdOf(config);
  const backend = postgresBackend(deps.database.db);
  const bus = createBus(await busBackend(config, deps.logger, replicaId), { replicaId, logger: deps.logger });
  return {
    replicaId,
    backend,
    claims: createClaims(backend, { owner: replicaId, now: deps.now }),
    bus,
    async answers() {
      await sql`select 1 from cluster_leases limit 1`.execute(deps.database.db);
      return true;
    },
    close: () => bus.close(),
  };
}

async function busBackend(config: Config, logger: Logger, replicaId: string): Promise<BusBackend> {
  // Loaded only when configured, like the stores' drivers.
  if (config.redisUrl) {
    const { createRedisBusBackend } = await import('../cluster/bus-backends/redis.js');
    return createRedisBusBackend({
      url: config.redisUrl,
      channel: redisBusChannel(config.redisUrl),
      connectionName: `pacs-desk-bus-${replicaId}`,
      logger,
    });
  }
  if (config.databaseUrl) {
    const { createPostgresBusBackend } = await import('../cluster/bus-backends/postgres.js');
    return createPostgresBusBackend({
      connectionString: config.databaseUrl,
      applicationName: `pacs-desk-bus-${replicaId}`,
      logger,
    });
  }
  const { createMemoryBusBackend } = await import('../cluster/bus-backends/memory.js');
  return createMemoryBusBackend();
}

/**
 * Pub/sub channels are server-wide in Redis (they ignore the database number), so the channel carries the number
 * of the database the deployment's state lives in: two deployments on databases 1 and 2 of one server do not hear
 * each other's reindex or rate-limit messages.
 */
export function redisBusChannel(redisUrl: string): string {
  const db = Number.parseInt(new URL(redisUrl).pathname.slice(1) || '0', 10);
  return `${defaultBusChannel}_db${Number.isInteger(db) && db >= 0 ? db : 0}`;
}

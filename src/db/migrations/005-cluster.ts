import type { Kysely, Migration } from 'kysely';

/**
 * Claims and leases shared by replicas (`src/cluster/backends/postgres.ts`). Times are ms since the epoch. SQLite
 * gets the tables too, though a single instance keeps its claims in memory.
 */
export function cluster(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cluster_claims')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('owner', 'varchar(128)', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      // For pruning expired claims, which otherwise stay until their key is claimed again.
      await db.schema.createIndex('cluster_claims_expires_at').on('cluster_claims').column('expires_at').execute();
      await db.schema
        .createTable('cluster_leases')
        .addColumn('name', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('holder', 'varchar(128)', (c) => c.notNull())
        .addColumn('token', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('cluster_leases').execute();
      await db.schema.dropTable('cluster_claims').execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';

/**
 * The durable inbox shared by replicas (`src/cluster/inbox-backends/sql.ts`): one row per unit of Slack work,
 * `pending` under an owner's lease until `done`, when the payload is dropped and the key kept until `keep_until`
 * for dedupe. Times are ms since the epoch.
 */
export function inbox(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cluster_inbox')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('owner', 'varchar(128)', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('payload', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('keep_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // takeOver looks for expired pending entries; prune for done ones.
      await db.schema
        .createIndex('cluster_inbox_state_lease_until')
        .on('cluster_inbox')
        .columns(['state', 'lease_until'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('cluster_inbox').execute();
    },
  };
}

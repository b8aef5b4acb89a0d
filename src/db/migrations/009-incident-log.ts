import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';
import { idColumn } from '../dialect.js';

/** One row per PACS or interface incident (`src/pacs/monitors/incident-log.ts`): the weekly digest's history. */
export function incidentLog(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable('incident_log'), dialect)
        .addColumn('key', 'varchar(255)', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('source', 'varchar(16)', (c) => c.notNull())
        .addColumn('opened_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('recovered_at', 'varchar(32)')
        .addUniqueConstraint('incident_log_key_opened_at', ['key', 'opened_at'])
        .execute();
      await db.schema.createIndex('incident_log_opened_at').on('incident_log').column('opened_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('incident_log').execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';
import { idColumn } from '../dialect.js';

/** Helpdesk sync rows, written in the same transaction as the ticket change they carry. */
export function ticketOutbox(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable('outbox'), dialect)
        .addColumn('ticket_key', 'varchar(32)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'varchar(128)', (c) => c.notNull().unique())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('delivered_at', 'varchar(32)')
        .addColumn('last_error', 'text')
        .addColumn('dead_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('outbox_pending').on('outbox').columns(['delivered_at', 'dead_at', 'id']).execute();
      await db.schema.createIndex('outbox_ticket').on('outbox').columns(['ticket_key', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('outbox').execute();
    },
  };
}

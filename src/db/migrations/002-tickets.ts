import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../dialect.js';
import { idColumn } from '../dialect.js';

/** Tickets, their timeline, and the counter row that hands out `PACS-<n>` keys. */
export function tickets(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ticket_sequence')
        .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
      await sql`insert into ticket_sequence (name, value) values ('PACS', 0)`.execute(db);

      await idColumn(db.schema.createTable('tickets'), dialect)
        .addColumn('key', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('requester_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('category', 'varchar(32)', (c) => c.notNull())
        .addColumn('urgency', 'varchar(16)', (c) => c.notNull())
        .addColumn('site', 'varchar(128)')
        .addColumn('accession', 'varchar(64)')
        .addColumn('status', 'varchar(32)', (c) => c.notNull())
        .addColumn('assignee_id', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('touched_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('first_response_at', 'varchar(32)')
        .addColumn('resolved_at', 'varchar(32)')
        .addColumn('closed_at', 'varchar(32)')
        .addColumn('sla_due_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('csat', 'integer')
        .addColumn('source_channel', 'varchar(32)')
        .addColumn('source_ts', 'varchar(32)')
        .addColumn('source_permalink', 'text')
        .addColumn('card_channel', 'varchar(32)')
        .addColumn('card_ts', 'varchar(32)')
        .addColumn('external_system', 'varchar(32)')
        .addColumn('external_id', 'varchar(128)')
        .addColumn('external_url', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tickets_status').on('tickets').column('status').execute();
      await db.schema.createIndex('tickets_assignee').on('tickets').column('assignee_id').execute();
      await db.schema.createIndex('tickets_requester').on('tickets').column('requester_id').execute();
      await db.schema.createIndex('tickets_card').on('tickets').columns(['card_channel', 'card_ts']).execute();

      await idColumn(db.schema.createTable('ticket_timeline'), dialect)
        .addColumn('ticket_key', 'varchar(32)', (c) => c.notNull().references('tickets.key'))
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('data', 'text')
        .execute();
      await db.schema.createIndex('ticket_timeline_key').on('ticket_timeline').columns(['ticket_key', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('ticket_timeline').execute();
      await db.schema.dropTable('tickets').execute();
      await db.schema.dropTable('ticket_sequence').execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';

/** Tickets belong to a queue (`CHANNELS_CONFIG`); tickets from before queues existed are in `default`. */
export function ticketQueue(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('tickets')
        .addColumn('queue', 'varchar(32)', (c) => c.notNull().defaultTo('default'))
        .execute();
      // App Home counts open tickets per queue; `tickets list --queue` filters on it.
      await db.schema.createIndex('tickets_queue_status').on('tickets').columns(['queue', 'status']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('tickets_queue_status').execute();
      await db.schema.alterTable('tickets').dropColumn('queue').execute();
    },
  };
}

import type { Selectable } from 'kysely';
import type { AppDatabase } from '../../db/create-database.js';
import type { OutboxTable } from '../../db/schema.js';

export type OutboxRow = Selectable<OutboxTable>;

/**
 * The relay's reads and writes on the `outbox` table. Timestamps are ISO 8601 strings, which sort as text.
 *
 * @example const rows = createOutboxRows(database); await rows.pending(100);
 */
export function createOutboxRows({ db }: AppDatabase) {
  const open = () => db.updateTable('outbox').where('delivered_at', 'is', null).where('dead_at', 'is', null);
  return {
    /** Undelivered, not dead rows, oldest first (so each ticket's rows come in the order they were written). */
    pending(limit: number): Promise<OutboxRow[]> {
      return db
        .selectFrom('outbox')
        .selectAll()
        .where('delivered_at', 'is', null)
        .where('dead_at', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    /**
     * Takes a due row for one attempt: counts it and leases it until `leaseUntil`, unless another relay
     * already has (the row changed since it was read). A relay that dies mid-call frees it when the lease ends.
     */
    async claim(row: OutboxRow, leaseUntil: string): Promise<boolean> {
      const result = await open()
        .set({ attempts: row.attempts + 1, next_attempt_at: leaseUntil })
        .where('id', '=', row.id)
        .where('attempts', '=', row.attempts)
        .where('next_attempt_at', '=', row.next_attempt_at)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delivered(id: number, at: string): Promise<void> {
      await open().set({ delivered_at: at, last_error: null }).where('id', '=', id).execute();
    },

    async retryAt(id: number, at: string, error: string): Promise<void> {
      await open().set({ next_attempt_at: at, last_error: error }).where('id', '=', id).execute();
    },

    async dead(id: number, at: string, error: string): Promise<void> {
      await open().set({ dead_at: at, last_error: error }).where('id', '=', id).execute();
    },

    /** Whether the ticket's create can no longer arrive: dead-lettered, or never written (outbox enabled later). */
    async createLost(ticketKey: string): Promise<boolean> {
      const row = await db
        .selectFrom('outbox')
        .select(['dead_at'])
        .where('ticket_key', '=', ticketKey)
        .where('kind', '=', 'create')
        .executeTakeFirst();
      return !row || row.dead_at !== null;
    },

    /** Puts every dead-lettered row back in the queue with a fresh attempt count (after an admin fixed the cause). */
    async redrive(at: string): Promise<number> {
      const result = await db
        .updateTable('outbox')
        .set({ dead_at: null, attempts: 0, next_attempt_at: at })
        .where('dead_at', 'is not', null)
        .where('delivered_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type OutboxRows = ReturnType<typeof createOutboxRows>;

import type { Transaction } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { AppDatabase } from '../db/create-database.js';
import type { DatabaseSchema } from '../db/schema.js';
import { createMessage, enqueueOutbox } from './outbox/outbox-messages.js';
import { slaDueAt } from './sla.js';
import { toTicket } from './ticket-rows.js';
import { type NewTicket, type SlaTargets, type Ticket, TicketStatus } from './types.js';

/** The prefix of every ticket key. */
export const ticketKeyPrefix = 'PACS';

/**
 * Takes the next ticket number inside the caller's transaction: `UPDATE … RETURNING` on the counter row
 * locks it until commit (PostgreSQL) or runs inside the single write transaction (SQLite), so two creates
 * never share a number and a rolled-back create gives its number back.
 *
 * @example await nextTicketKey(trx) // 'PACS-17'
 */
export async function nextTicketKey(trx: Transaction<DatabaseSchema>): Promise<string> {
  const { value } = await trx
    .updateTable('ticket_sequence')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', ticketKeyPrefix)
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${ticketKeyPrefix}-${value}`;
}

/**
 * Inserts a ticket, its `created` timeline entry and (with `outbox`) the helpdesk create row in one
 * transaction; the returned ticket is committed.
 *
 * @example await insertTicket(database, input, 'U123', { slaTargets: defaultSlaTargets, outbox: true, now: systemClock })
 */
export async function insertTicket(
  database: AppDatabase,
  input: NewTicket,
  actorId: string,
  options: { slaTargets: SlaTargets; outbox: boolean; now: Clock },
): Promise<Ticket> {
  return database.db.transaction().execute(async (trx) => {
    const key = await nextTicketKey(trx);
    const at = new Date(options.now()).toISOString();
    const row = await trx
      .insertInto('tickets')
      .values({
        key,
        requester_id: input.requesterId,
        summary: input.summary,
        description: input.description,
        category: input.category,
        urgency: input.urgency,
        site: input.site ?? null,
        accession: input.accession ?? null,
        status: TicketStatus.New,
        assignee_id: null,
        created_at: at,
        updated_at: at,
        touched_at: at,
        sla_due_at: slaDueAt(at, input.urgency, options.slaTargets),
        source_channel: input.source?.channel ?? null,
        source_ts: input.source?.ts ?? null,
        source_permalink: input.source?.permalink ?? null,
        queue: input.queue ?? 'default',
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('ticket_timeline')
      .values({
        ticket_key: key,
        at,
        actor_id: actorId,
        kind: 'created',
        data: JSON.stringify({ category: input.category, urgency: input.urgency }),
      })
      .execute();
    const ticket = toTicket(row);
    if (options.outbox) await enqueueOutbox(trx, { ticketKey: key, message: createMessage(ticket), at });
    return ticket;
  });
}

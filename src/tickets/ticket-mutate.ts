import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { AppDatabase } from '../db/create-database.js';
import { Dialect } from '../db/dialect.js';
import type { DatabaseSchema, TicketsTable } from '../db/schema.js';
import { enqueueOutbox, type OutboxMessage } from './outbox/outbox-messages.js';
import type { ChangeResult } from './store-types.js';
import { type TicketRow, toTicket, toTimelineEntry } from './ticket-rows.js';
import type { Ticket, TimelineEntry, TimelineKind } from './types.js';

/** The actor id of the bot's own entries: never counts as a first response. */
export const SystemActor = 'system';

/** What a change wants to do to a ticket, decided from its current state. */
export type Decision =
  | { fail: 'already_assigned' | 'invalid_transition' }
  | { noop: true }
  | {
      set: Updateable<TicketsTable>;
      entry?: { kind: TimelineKind; body?: string; data?: Record<string, unknown> };
      /** Built once the timeline entry has its id (comment and status rows are keyed on it). */
      outbox?: (entryId?: number) => OutboxMessage;
      /** Whether this action can be the ticket's first response (bot entries, cards and syncs cannot). */
      responds: boolean;
      /** First assignment wins: only update if the ticket is unassigned or already held by this user. */
      assigneeGuard?: string;
    };

/** Decides a change from the ticket as it is now; `at` is the change's timestamp. */
export type Decide = (ticket: Ticket, at: string) => Decision;

export type MutateOutcome = { result: ChangeResult; entry?: TimelineEntry };

const maxAttempts = 3;

/** Reads a ticket; on PostgreSQL the row is locked until the transaction ends. */
export async function selectTicket(
  db: Kysely<DatabaseSchema>,
  dialect: Dialect,
  key: string,
  lock = false,
): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('key', '=', key)
    .$if(lock && dialect === Dialect.Postgres, (q) => q.forUpdate())
    .executeTakeFirst();
}

/**
 * Builds the one write path every ticket change goes through: read (locked on PostgreSQL), decide,
 * update guarded by `version` (incremented), append the timeline entry and the outbox row, all in one
 * transaction. A lost version race re-reads and decides again; after three losses it reports `conflict`.
 *
 * @example const mutate = createMutator(database, systemClock, true);
 * await mutate('PACS-1', 'U2', (t) => ({ set: { urgency: 'stat' }, responds: true }));
 */
export function createMutator(database: AppDatabase, now: Clock, outbox: boolean) {
  const { db, dialect } = database;

  async function attempt(trx: Transaction<DatabaseSchema>, key: string, actorId: string, decide: Decide) {
    const row = await selectTicket(trx, dialect, key, true);
    if (!row) return { result: { ok: false, reason: 'not_found' } } satisfies MutateOutcome;
    const ticket = toTicket(row);
    const at = new Date(now()).toISOString();
    const decision = decide(ticket, at);
    if ('fail' in decision) return { result: { ok: false, reason: decision.fail, ticket } } satisfies MutateOutcome;
    if ('noop' in decision) return { result: { ok: true, ticket, changed: false } } satisfies MutateOutcome;
    const set: Updateable<TicketsTable> = { ...decision.set, version: row.version + 1, updated_at: at };
    if (decision.entry) set.touched_at = at;
    const responder = actorId !== ticket.requesterId && actorId !== SystemActor;
    if (decision.responds && responder && !row.first_response_at) set.first_response_at = at;
    const guard = decision.assigneeGuard;
    const updated = await trx
      .updateTable('tickets')
      .set(set)
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .$if(guard !== undefined, (q) =>
        q.where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '=', guard ?? '')])),
      )
      .returningAll()
      .executeTakeFirst();
    if (!updated) return 'retry' as const;
    let entry: TimelineEntry | undefined;
    if (decision.entry) {
      const { kind, body, data } = decision.entry;
      const inserted = await trx
        .insertInto('ticket_timeline')
        .values({
          ticket_key: key,
          at,
          actor_id: actorId,
          kind,
          body: body ?? null,
          data: data ? JSON.stringify(data) : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      entry = toTimelineEntry(inserted);
    }
    if (outbox && decision.outbox) {
      await enqueueOutbox(trx, { ticketKey: key, message: decision.outbox(entry?.id), at, entryId: entry?.id });
    }
    return { result: { ok: true, ticket: toTicket(updated), changed: true }, entry } satisfies MutateOutcome;
  }

  return async function mutate(key: string, actorId: string, decide: Decide): Promise<MutateOutcome> {
    for (let i = 0; i < maxAttempts; i++) {
      const outcome = await db.transaction().execute((trx) => attempt(trx, key, actorId, decide));
      if (outcome !== 'retry') return outcome;
    }
    const row = await selectTicket(db, dialect, key);
    return { result: { ok: false, reason: 'conflict', ticket: row && toTicket(row) } };
  };
}

export type Mutate = ReturnType<typeof createMutator>;

import type { AppDatabase } from '../db/create-database.js';
import type { TicketFilter } from './store-types.js';
import { toTicket, toTimelineEntry } from './ticket-rows.js';
import { openStatuses, type Ticket, type TimelineEntry } from './types.js';

/**
 * The read side of the ticket store: plain selects, no transactions.
 *
 * @example const q = createTicketQueries(database); await q.list({ status: [TicketStatus.New], limit: 20 });
 */
export function createTicketQueries({ db }: AppDatabase) {
  return {
    async get(key: string): Promise<Ticket | undefined> {
      const row = await db.selectFrom('tickets').selectAll().where('key', '=', key).executeTakeFirst();
      return row && toTicket(row);
    },

    /** Newest first; default limit 200. */
    async list(filter: TicketFilter = {}): Promise<Ticket[]> {
      const { status, assigneeId, requesterId, category, urgency, queue } = filter;
      if (status && status.length === 0) return [];
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
        .$if(status !== undefined, (q) => q.where('status', 'in', status ?? []))
        .$if(assigneeId !== undefined, (q) => q.where('assignee_id', '=', assigneeId ?? ''))
        .$if(requesterId !== undefined, (q) => q.where('requester_id', '=', requesterId ?? ''))
        .$if(category !== undefined, (q) => q.where('category', '=', category ?? ''))
        .$if(urgency !== undefined, (q) => q.where('urgency', '=', urgency ?? ''))
        .$if(queue !== undefined, (q) => q.where('queue', '=', queue ?? ''))
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 200)
        .execute();
      return rows.map(toTicket);
    },

    /** Every ticket created at or after `since` (ISO), oldest first, without a limit: for reports and exports. */
    async listCreatedSince(since = ''): Promise<Ticket[]> {
      const rows = await db.selectFrom('tickets').selectAll().where('created_at', '>=', since).orderBy('id').execute();
      return rows.map(toTicket);
    },

    async findByCard(channel: string, ts: string): Promise<Ticket | undefined> {
      const row = await db
        .selectFrom('tickets')
        .selectAll()
        .where('card_channel', '=', channel)
        .where('card_ts', '=', ts)
        .executeTakeFirst();
      return row && toTicket(row);
    },

    async timeline(key: string): Promise<TimelineEntry[]> {
      const rows = await db
        .selectFrom('ticket_timeline')
        .selectAll()
        .where('ticket_key', '=', key)
        .orderBy('id')
        .execute();
      return rows.map(toTimelineEntry);
    },

    /** Open tickets past `slaDueAt`, and open tickets whose newest timeline entry is older than the cutoff. */
    async needingReminder(now: Date, untouchedMinutes: number): Promise<{ breached: Ticket[]; untouched: Ticket[] }> {
      const at = now.toISOString();
      const cutoff = new Date(now.getTime() - untouchedMinutes * 60_000).toISOString();
      const open = db.selectFrom('tickets').selectAll().where('status', 'in', openStatuses).orderBy('id');
      const [breached, untouched] = await Promise.all([
        open.where('sla_due_at', '<', at).execute(),
        open.where('touched_at', '<', cutoff).execute(),
      ]);
      return { breached: breached.map(toTicket), untouched: untouched.map(toTicket) };
    },
  };
}

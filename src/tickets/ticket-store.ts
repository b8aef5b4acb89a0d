import { type Clock, systemClock } from '../core/clock.js';
import { BotError, ErrorCode } from '../core/errors.js';
import type { AppDatabase } from '../db/create-database.js';
import type { ExternalRef } from './helpdesk/types.js';
import { commentMessage, statusMessage } from './outbox/outbox-messages.js';
import { slaDueAt } from './sla.js';
import type { ChangeResult, TicketStore } from './store-types.js';
import { insertTicket } from './ticket-create.js';
import { createMutator, SystemActor } from './ticket-mutate.js';
import { createTicketQueries } from './ticket-queries.js';
import { canTransition } from './transitions.js';
import { defaultSlaTargets, type SlaTargets, type Ticket, TicketStatus, type TimelineEntry } from './types.js';

export interface TicketStoreOptions {
  /** Minutes to resolution per urgency; default `defaultSlaTargets`. */
  slaTargets?: SlaTargets;
  /** Write a helpdesk outbox row with every create, comment and status change. */
  outbox?: boolean;
  /** The time of every change; default `systemClock`. */
  now?: Clock;
}

/** The store plus what only the core uses: the helpdesk sync writes back, reports read everything. */
export interface DurableTicketStore extends TicketStore {
  /** Records the helpdesk's id for the ticket once it has accepted it. */
  setExternal(key: string, ref: ExternalRef): Promise<void>;
  /** All tickets created at or after `since` (ISO 8601), oldest first. */
  listCreatedSince(since?: string): Promise<Ticket[]>;
}

/**
 * The ticket store on SQLite or PostgreSQL. Every write is one transaction: the ticket row (version + 1),
 * its timeline entry and, with `outbox: true`, the helpdesk outbox row.
 *
 * @example const store = createTicketStore(database, { outbox: true });
 * const t = await store.create({ requesterId: 'U1', summary: 'CT not in PACS', description: '…', category: 'missing_study', urgency: 'urgent' }, 'U1');
 * await store.assign(t.key, 'U2', 'U2');
 */
export function createTicketStore(database: AppDatabase, options: TicketStoreOptions = {}): DurableTicketStore {
  const targets = options.slaTargets ?? defaultSlaTargets;
  const now = options.now ?? systemClock;
  const outbox = options.outbox ?? false;
  const mutate = createMutator(database, now, outbox);
  const queries = createTicketQueries(database);
  const result = async (p: Promise<{ result: ChangeResult }>) => (await p).result;

  return {
    ...queries,
    create: (input, actorId, sla) =>
      insertTicket(database, input, actorId, { slaTargets: sla ?? targets, outbox, now }),

    assign: (key, assigneeId, actorId) =>
      result(
        mutate(key, actorId, (t) => {
          if (t.assigneeId === assigneeId) return { noop: true };
          if (t.assigneeId) return { fail: 'already_assigned' };
          if (t.status === TicketStatus.Closed) return { fail: 'invalid_transition' };
          const data = { from: null, to: assigneeId };
          return {
            set: { assignee_id: assigneeId },
            entry: { kind: 'assignment', data },
            responds: true,
            assigneeGuard: assigneeId,
          };
        }),
      ),

    setStatus: (key, status, actorId, note) =>
      result(
        mutate(key, actorId, (t, at) => {
          if (t.status === status) return { noop: true };
          if (!canTransition(t.status, status)) return { fail: 'invalid_transition' };
          const text = note?.trim() || undefined;
          if (status === TicketStatus.Resolved && !text) return { fail: 'invalid_transition' };
          return {
            set: statusColumns(t.status, status, at),
            entry: { kind: 'status', body: text, data: { from: t.status, to: status } },
            outbox: () => statusMessage(status, text),
            responds: true,
          };
        }),
      ),

    setUrgency: (key, urgency, actorId, sla) =>
      result(
        mutate(key, actorId, (t) => {
          if (t.urgency === urgency) return { noop: true };
          if (t.status === TicketStatus.Closed) return { fail: 'invalid_transition' };
          return {
            set: { urgency, sla_due_at: slaDueAt(t.createdAt, urgency, sla ?? targets) },
            entry: { kind: 'urgency', data: { from: t.urgency, to: urgency } },
            responds: true,
          };
        }),
      ),

    async addComment(key, actorId, body): Promise<TimelineEntry | undefined> {
      const { entry } = await mutate(key, actorId, () => ({
        set: {},
        entry: { kind: 'comment', body },
        outbox: (entryId) => commentMessage(key, entryId ?? 0, actorId, body),
        responds: true,
      }));
      return entry;
    },

    async addEntry(key, { actorId, kind, body, data }): Promise<TimelineEntry | undefined> {
      const { entry } = await mutate(key, actorId, () => ({ set: {}, entry: { kind, body, data }, responds: false }));
      return entry;
    },

    recordCsat: async (key, score, actorId) => {
      if (!Number.isInteger(score) || score < 1 || score > 5)
        throw new BotError(ErrorCode.BadInput, `CSAT score must be a whole number from 1 to 5, got ${score}`);
      return result(
        mutate(key, actorId, (t) => {
          if (t.csat !== undefined) return { noop: true };
          if (actorId !== t.requesterId || (t.status !== TicketStatus.Resolved && t.status !== TicketStatus.Closed))
            return { fail: 'invalid_transition' };
          return { set: { csat: score }, entry: { kind: 'csat', data: { score } }, responds: false };
        }),
      );
    },

    async setCard(key, card): Promise<void> {
      await mutate(key, SystemActor, () => ({
        set: { card_channel: card.channel, card_ts: card.ts },
        responds: false,
      }));
    },

    async setExternal(key, ref): Promise<void> {
      await mutate(key, SystemActor, (t) =>
        t.external?.system === ref.system && t.external.id === ref.id && t.external.url === ref.url
          ? { noop: true }
          : {
              set: { external_system: ref.system, external_id: ref.id, external_url: ref.url ?? null },
              responds: false,
            },
      );
    },
  };
}

/** The timestamp columns a status change sets: resolving stamps `resolved_at`, reopening clears it. */
function statusColumns(from: TicketStatus, to: TicketStatus, at: string) {
  return {
    status: to,
    ...(to === TicketStatus.Resolved ? { resolved_at: at } : {}),
    ...(from === TicketStatus.Resolved && to !== TicketStatus.Closed ? { resolved_at: null } : {}),
    ...(to === TicketStatus.Closed ? { closed_at: at } : {}),
  };
}

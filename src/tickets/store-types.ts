import type {
  NewTicket,
  SlaTargets,
  Ticket,
  TicketCategory,
  TicketStatus,
  TimelineEntry,
  TimelineKind,
  Urgency,
} from './types.js';

export interface TicketFilter {
  status?: readonly TicketStatus[];
  assigneeId?: string;
  requesterId?: string;
  category?: TicketCategory;
  urgency?: Urgency;
  queue?: string;
  /** Newest first; default 200. */
  limit?: number;
}

export type ChangeResult =
  | { ok: true; ticket: Ticket; changed: boolean }
  | { ok: false; reason: 'not_found' | 'conflict' | 'already_assigned' | 'invalid_transition'; ticket?: Ticket };

/**
 * The record of every ticket. Each write is one transaction that also appends the timeline entry and,
 * when a helpdesk is configured, the outbox row for it, so nothing is lost between the two.
 */
export interface TicketStore {
  /**
   * Assigns the next key (`PACS-<n>`) atomically: concurrent creates never share a key. `sla`: the ticket's queue's
   * targets (default: the store's).
   */
  create(input: NewTicket, actorId: string, sla?: SlaTargets): Promise<Ticket>;
  get(key: string): Promise<Ticket | undefined>;
  list(filter?: TicketFilter): Promise<Ticket[]>;
  /** First assignment wins: fails with `already_assigned` if someone else holds it. Same person again: ok, unchanged. */
  assign(key: string, assigneeId: string, actorId: string): Promise<ChangeResult>;
  /** Status change; resolving requires a note. Same status again: ok, unchanged (a double click acts once). */
  setStatus(key: string, status: TicketStatus, actorId: string, note?: string): Promise<ChangeResult>;
  /** Moves the SLA due time to the new urgency's target (`sla`: the ticket's queue's targets, default the store's). */
  setUrgency(key: string, urgency: Urgency, actorId: string, sla?: SlaTargets): Promise<ChangeResult>;
  addComment(key: string, actorId: string, body: string): Promise<TimelineEntry | undefined>;
  /** Bot-made entries: check results, escalations, reminders. */
  addEntry(
    key: string,
    entry: { actorId: string; kind: TimelineKind; body?: string; data?: Record<string, unknown> },
  ): Promise<TimelineEntry | undefined>;
  /** Requester's score 1..5 after resolution; once per ticket (a second vote is ignored). */
  recordCsat(key: string, score: number, actorId: string): Promise<ChangeResult>;
  setCard(key: string, card: { channel: string; ts: string }): Promise<void>;
  findByCard(channel: string, ts: string): Promise<Ticket | undefined>;
  timeline(key: string): Promise<TimelineEntry[]>;
  /** Open tickets past their SLA, or untouched (no timeline entry) for `untouchedMinutes`, as of `now`. */
  needingReminder(now: Date, untouchedMinutes: number): Promise<{ breached: Ticket[]; untouched: Ticket[] }>;
}

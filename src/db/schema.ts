import type { Generated } from 'kysely';

export interface AnswerFeedbackTable {
  id: Generated<number>;
  answer_id: string;
  user_id: string;
  rating: 'up' | 'down';
  reason: string | null;
  question: string;
  sources: string;
  mode: string;
  created_at: string;
}

/** Hands out ticket numbers: one row per key prefix (`PACS`). */
export interface TicketSequenceTable {
  name: string;
  value: number;
}

export interface TicketsTable {
  id: Generated<number>;
  key: string;
  requester_id: string;
  summary: string;
  description: string;
  category: string;
  urgency: string;
  site: string | null;
  accession: string | null;
  status: string;
  assignee_id: string | null;
  created_at: string;
  updated_at: string;
  /** When the newest timeline entry was written: what "untouched" reminders look at. */
  touched_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  sla_due_at: string;
  csat: number | null;
  source_channel: string | null;
  source_ts: string | null;
  source_permalink: string | null;
  card_channel: string | null;
  card_ts: string | null;
  external_system: string | null;
  external_id: string | null;
  external_url: string | null;
  /** The queue it was routed to when created (`default` for tickets from before queues). */
  queue: Generated<string>;
  version: number;
}

export interface TicketTimelineTable {
  id: Generated<number>;
  ticket_key: string;
  at: string;
  actor_id: string;
  kind: string;
  body: string | null;
  /** JSON object, or null. */
  data: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  ticket_key: string;
  kind: 'create' | 'comment' | 'status';
  /** JSON, already free of patient identifiers. */
  payload: string;
  idempotency_key: string;
  attempts: Generated<number>;
  created_at: string;
  next_attempt_at: string;
  delivered_at: string | null;
  last_error: string | null;
  dead_at: string | null;
}

/** Append-only (database triggers reject UPDATE and DELETE); `hash` chains each row to the one before. */
export interface AuditLogTable {
  /** Chain position, assigned from `audit_head`: 1, 2, 3… without gaps. */
  id: number;
  recorded_at: string;
  event_id: string;
  event_meaning: string;
  action: string;
  event_type_code: string | null;
  event_type_meaning: string | null;
  outcome: number;
  actor_user_id: string;
  actor_team_id: string | null;
  source: string;
  site: string | null;
  command: string | null;
  /** JSON object, or null. PHI: the audit store is the protected place for it. */
  query: string | null;
  patient_id: string | null;
  /** JSON array of Study Instance UIDs. */
  study_uids: string;
  description: string;
  correlation_id: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (`audit`): the newest chain position and hash; appends lock it so the chain never forks. */
export interface AuditHeadTable {
  name: string;
  seq: number;
  hash: string;
}

/** The durable inbox (`src/cluster/inbox-backends/sql.ts`); times are ms since the epoch. */
export interface ClusterInboxTable {
  key: string;
  owner: string;
  state: 'pending' | 'done';
  /** JSON of the Slack payload while pending (it may hold PHI); null once done. */
  payload: string | null;
  attempts: Generated<number>;
  lease_until: number;
  keep_until: number | null;
  created_at: number;
}

export interface DatabaseSchema {
  answer_feedback: AnswerFeedbackTable;
  ticket_sequence: TicketSequenceTable;
  tickets: TicketsTable;
  ticket_timeline: TicketTimelineTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  cluster_inbox: ClusterInboxTable;
}

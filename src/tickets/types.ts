/**
 * The ticket model shared by the store, the Slack adapters, the CLI and the helpdesk outbox.
 * Field names here are a contract: the CLI's JSON output and the helpdesk payloads derive from them.
 */

export const TicketCategory = {
  MissingStudy: 'missing_study',
  ImagesNotDisplaying: 'images_not_displaying',
  PatientMismatch: 'patient_mismatch',
  MergeSplit: 'merge_split',
  PriorImport: 'prior_import',
  WorklistModality: 'worklist_modality',
  ViewerAccess: 'viewer_access',
  Hardware: 'hardware',
  Other: 'other',
} as const;
export type TicketCategory = (typeof TicketCategory)[keyof typeof TicketCategory];

/** Categories about a specific study: these may carry an accession and get PACS checks attached. */
export const studyCategories: readonly TicketCategory[] = [
  'missing_study',
  'images_not_displaying',
  'patient_mismatch',
  'merge_split',
  'prior_import',
];

export const Urgency = { Stat: 'stat', Urgent: 'urgent', Routine: 'routine' } as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];

export const TicketStatus = {
  New: 'new',
  Triaged: 'triaged',
  InProgress: 'in_progress',
  WaitingOnRequester: 'waiting_on_requester',
  Resolved: 'resolved',
  Closed: 'closed',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];

export const openStatuses: readonly TicketStatus[] = [
  TicketStatus.New,
  TicketStatus.Triaged,
  TicketStatus.InProgress,
  TicketStatus.WaitingOnRequester,
];

export interface Ticket {
  id: number;
  /** Human key, e.g. `PACS-123`: unique, never reused. */
  key: string;
  /** Slack user id of the person the ticket is for. */
  requesterId: string;
  summary: string;
  description: string;
  category: TicketCategory;
  urgency: Urgency;
  site?: string;
  /** Stored for associates; never shown in channels, App Home or modal titles (see maskAccession). */
  accession?: string;
  status: TicketStatus;
  assigneeId?: string;
  /** ISO 8601 UTC timestamps. */
  createdAt: string;
  updatedAt: string;
  /** First action by someone other than the requester (assignment, comment, status change). */
  firstResponseAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  /** When resolution is due under the urgency's SLA target. */
  slaDueAt: string;
  /** 1 (poor) to 5 (great), given by the requester after resolution. */
  csat?: number;
  /** Where it came from in Slack (a channel message or DM), and its triage card. */
  source?: { channel: string; ts?: string; permalink?: string };
  card?: { channel: string; ts: string };
  /** Set once the external helpdesk has accepted the ticket. */
  external?: { system: string; id: string; url?: string };
  /** The queue it was routed to when created (`CHANNELS_CONFIG`); `default` without one. */
  queue: string;
  /** Optimistic-concurrency counter: every update increments it. */
  version: number;
}

export interface NewTicket {
  requesterId: string;
  summary: string;
  description: string;
  category: TicketCategory;
  urgency: Urgency;
  site?: string;
  accession?: string;
  source?: Ticket['source'];
  /** The queue it goes to; default `default`. */
  queue?: string;
}

export const TimelineKind = {
  Created: 'created',
  Comment: 'comment',
  Status: 'status',
  Assignment: 'assignment',
  Urgency: 'urgency',
  Check: 'check',
  Escalation: 'escalation',
  Csat: 'csat',
  Reminder: 'reminder',
} as const;
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];

export interface TimelineEntry {
  id: number;
  ticketKey: string;
  at: string;
  /** Slack user id, or `system` for the bot's own entries. */
  actorId: string;
  kind: TimelineKind;
  /** Free text (comments, resolution notes); may hold PHI, so it is shown to associates only. */
  body?: string;
  /** Structured detail: `{from, to}` for status/urgency/assignment, a check result, a CSAT score. */
  data?: Record<string, unknown>;
}

/** SLA targets for time to resolution, per urgency, in minutes (configurable). */
export type SlaTargets = Record<Urgency, number>;
export const defaultSlaTargets: SlaTargets = { stat: 60, urgent: 4 * 60, routine: 3 * 24 * 60 };

/** `ACC •••1234`: what channels, App Home and cards may show of an accession number. */
export function maskAccession(accession: string | undefined): string | undefined {
  if (!accession) return undefined;
  return `ACC •••${accession.slice(-4)}`;
}

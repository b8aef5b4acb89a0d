import type { Queue } from '../channels/channel-directory.js';
import type { QueueSummary } from '../tickets/report/queue-summary.js';

/**
 * One queue's week, the same shape as `tickets summary --json`'s queues (the contract both share): `opened` counts
 * tickets created in the period, `resolved` tickets resolved in it, `slaBreaches` tickets opened in it that were
 * resolved after their SLA or are still open past it.
 */
export type QueueWeek = QueueSummary;

export interface Deflection {
  questions: number;
  answeredNoTicket: number;
  ticketsFromAnswers: number;
}

/** A KB gap as `pacs-desk kb gaps --json` reports it (owned by the gaps module; kept loose here). */
export interface GapEntry {
  topic: string;
  count: number;
  [key: string]: unknown;
}

/** A PACS or interface incident that was open at some point in the period (PHI-free summary). */
export interface IncidentEntry {
  key: string;
  summary: string;
  since: string;
  until?: string;
}

/** `pacs-desk report weekly --json`: the contract fields first, then what only the digest shows. */
export interface WeeklyReport {
  since: string;
  until: string;
  queues: QueueWeek[];
  deflection: Deflection;
  gaps: GapEntry[];
  byCategory: Record<string, number>;
  /** Each queue's resolution target for routine tickets, to set the medians against. */
  slaMinutes: Record<string, { stat: number; urgent: number; routine: number }>;
  incidents: IncidentEntry[];
}

export interface Period {
  since: Date;
  until: Date;
}

/**
 * Where the report's parts come from. Tickets are read from the store; deflection, gaps and incidents are
 * injected so that their own modules can be plugged in without this one changing.
 */
export interface WeeklySources {
  tickets(period: Period): Promise<{ queues: QueueWeek[]; byCategory: Record<string, number> }>;
  deflection(period: Period): Promise<Deflection>;
  gaps(period: Period): Promise<GapEntry[]>;
  incidents(period: Period): Promise<IncidentEntry[]>;
  queues(): readonly Queue[];
}

export const noDeflection = async (): Promise<Deflection> => ({
  questions: 0,
  answeredNoTicket: 0,
  ticketsFromAnswers: 0,
});
export const noGaps = async (): Promise<GapEntry[]> => [];
export const noIncidents = async (): Promise<IncidentEntry[]> => [];

/** How many gaps the report carries (the digest shows fewer). */
const maxGaps = 10;

/**
 * The week's report: every configured queue appears (zeros when quiet), plus any queue id found on tickets.
 *
 * @example await buildWeeklyReport(sources, { since: new Date('2026-03-02'), until: new Date('2026-03-09') })
 */
export async function buildWeeklyReport(sources: WeeklySources, period: Period): Promise<WeeklyReport> {
  const [tickets, deflection, gaps, incidents] = await Promise.all([
    sources.tickets(period),
    sources.deflection(period),
    sources.gaps(period),
    sources.incidents(period),
  ]);
  const configured = sources.queues();
  const seen = new Map(tickets.queues.map((q) => [q.id, q]));
  const queues = [
    ...configured.map((q) => seen.get(q.id) ?? emptyQueue(q.id)),
    ...tickets.queues.filter((q) => !configured.some((c) => c.id === q.id)),
  ];
  return {
    since: period.since.toISOString(),
    until: period.until.toISOString(),
    queues,
    deflection,
    gaps: [...gaps].sort((a, b) => b.count - a.count).slice(0, maxGaps),
    byCategory: tickets.byCategory,
    slaMinutes: Object.fromEntries(configured.map((q) => [q.id, q.slaMinutes])),
    incidents,
  };
}

export const emptyQueue = (id: string): QueueWeek => ({
  id,
  opened: 0,
  resolved: 0,
  firstResponseP50Min: null,
  resolutionP50Min: null,
  slaBreaches: 0,
  csat: null,
});

import { z } from 'zod';
import type { StudyRecord } from '../types.js';

/** What the renderer shows about a study besides (masked) identifiers. */
export interface StudyFacts {
  site: string;
  date?: string;
  modalities: string[];
  description?: string;
  series?: number;
  instances?: number;
  lastReceived?: string;
  /** Not stable yet, or the last instance arrived within the arriving window. */
  arriving: boolean;
}

export interface StudyMatch {
  /** Holds PHI: pass through `maskStudy` before display. */
  record: StudyRecord;
  facts: StudyFacts;
}

/** `found` with `tooMany`: more matches than the configured cap, so no list is shown at all. */
export interface StudyCheckResult {
  by: 'accession' | 'mrn';
  found: boolean;
  tooMany: boolean;
  matches: StudyMatch[];
  /** Sites with at least one match. */
  where: string[];
  searched: string[];
  /** Sites that did not answer (no error text: it may name hosts). */
  unreachable: string[];
  /** Why each unreachable site failed: a stable error code (`pacs_timeout`…), never the message. */
  failures: { site: string; code: string }[];
  /** The configured cap N (`tooMany` means more than this). */
  maxMatches: number;
}

export const studyArgs = z.object({
  by: z.enum(['accession', 'mrn']),
  id: z.string().min(1).max(64),
  site: z.string().min(1).max(32).optional(),
});
export type StudyArgs = z.infer<typeof studyArgs>;

/**
 * Derives the display facts of one record.
 *
 * @example `studyFacts(record, now, 120_000).arriving` → `true` when `record.stable === false`
 */
export function studyFacts(record: StudyRecord, now: Date, arrivingWindowMs: number): StudyFacts {
  const received = record.lastReceived ? Date.parse(record.lastReceived) : Number.NaN;
  const recent = Number.isFinite(received) && now.getTime() - received < arrivingWindowMs;
  return {
    site: record.site,
    date: record.studyDate,
    modalities: record.modalities,
    description: record.description,
    series: record.series,
    instances: record.instances,
    lastReceived: record.lastReceived,
    arriving: record.stable === false || recent,
  };
}

/** The studies a result shows: none when there were too many to list. */
export const shownStudies = (result: StudyCheckResult): StudyRecord[] => result.matches.map((m) => m.record);

/** The refusal the audit trail records when more studies matched than may be listed. */
export const tooManyRefusal = (result: StudyCheckResult): string | undefined =>
  result.tooMany ? `more than ${result.maxMatches} matches, no list shown` : undefined;

/** Sites that failed while others answered, by id and error code only. */
export const siteFailures = (result: StudyCheckResult): string[] =>
  result.failures.map((f) => `site ${f.site}: ${f.code}`);

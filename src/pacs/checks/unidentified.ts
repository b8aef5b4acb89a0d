import { z } from 'zod';
import { Role } from '../../core/roles.js';
import { parseSweepArgument } from '../input/command-arguments.js';
import type { StudyRecord } from '../types.js';
import type { CheckSettings } from './check-settings.js';
import { type CheckContext, CheckId, connectorFor, defineCheck } from './check-types.js';

export const UnidentifiedReason = {
  MissingPatientId: 'missing_patient_id',
  PlaceholderPatientId: 'placeholder_patient_id',
  PlaceholderName: 'placeholder_name',
  MissingAccession: 'missing_accession',
} as const;
export type UnidentifiedReason = (typeof UnidentifiedReason)[keyof typeof UnidentifiedReason];

/** Holds PHI in `record`: the renderer masks it. */
export interface FlaggedStudy {
  record: StudyRecord;
  reasons: UnidentifiedReason[];
}

export interface SweepSummary {
  scanned: number;
  flaggedCount: number;
  byReason: Record<UnidentifiedReason, number>;
  /** Newest study date first, at most `maxFlaggedListed`. */
  flagged: FlaggedStudy[];
}

export interface UnidentifiedResult extends SweepSummary {
  days: number;
  /** DICOM range sent to the archives, `YYYYMMDD-YYYYMMDD` (UTC dates). */
  range: string;
  searched: string[];
  unreachable: string[];
  /** Sites that returned `sweepLimit` studies: there may be more. */
  truncated: string[];
}

type ClassifierSettings = Pick<CheckSettings, 'placeholderIds' | 'placeholderName'>;

/**
 * Builds a classifier once (placeholder set, flag-free regex), then O(1) per record.
 *
 * @example `createClassifier(settings)({ patientId: 'UNKNOWN', … })` → `['placeholder_patient_id']`
 */
export function createClassifier(settings: ClassifierSettings): (record: StudyRecord) => UnidentifiedReason[] {
  const placeholders = new Set(settings.placeholderIds.map((id) => id.trim().toUpperCase()));
  const name = new RegExp(settings.placeholderName.source, settings.placeholderName.flags.replace(/[gy]/g, ''));
  return (record) => {
    const reasons: UnidentifiedReason[] = [];
    const id = record.patientId?.trim() ?? '';
    if (id === '') reasons.push(UnidentifiedReason.MissingPatientId);
    else if (placeholders.has(id.toUpperCase())) reasons.push(UnidentifiedReason.PlaceholderPatientId);
    if (record.patientName && name.test(record.patientName.replace(/^[\s^]+/, ''))) {
      reasons.push(UnidentifiedReason.PlaceholderName);
    }
    if (!record.accession?.trim()) reasons.push(UnidentifiedReason.MissingAccession);
    return reasons;
  };
}

/**
 * Classifies studies in one pass; only the flagged ones are sorted.
 *
 * @example `sweepUnidentified(records, settings).byReason.missing_accession` → `2`
 */
export function sweepUnidentified(
  records: readonly StudyRecord[],
  settings: ClassifierSettings & Pick<CheckSettings, 'maxFlaggedListed'>,
): SweepSummary {
  const classify = createClassifier(settings);
  const byReason = Object.fromEntries(Object.values(UnidentifiedReason).map((r) => [r, 0])) as SweepSummary['byReason'];
  const flagged: FlaggedStudy[] = [];
  for (const record of records) {
    const reasons = classify(record);
    if (reasons.length === 0) continue;
    for (const reason of reasons) byReason[reason]++;
    flagged.push({ record, reasons });
  }
  flagged.sort((a, b) => {
    const x = a.record.studyDate ?? '';
    const y = b.record.studyDate ?? '';
    return x < y ? 1 : x > y ? -1 : 0;
  });
  return {
    scanned: records.length,
    flaggedCount: flagged.length,
    byReason,
    flagged: flagged.slice(0, settings.maxFlaggedListed),
  };
}

const dicomDate = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

/**
 * The study-date range of the last `days` days, today included (UTC).
 *
 * @example `studyDateRange(new Date('2026-11-29T12:00Z'), 7)` → `'20261123-20261129'`
 */
export function studyDateRange(now: Date, days: number): string {
  const start = new Date(now.getTime() - (days - 1) * 86_400_000);
  return `${dicomDate(start)}-${dicomDate(now)}`;
}

export const unidentifiedArgs = z.object({
  days: z.number().int().min(1).max(31).default(7),
  site: z.string().min(1).max(32).optional(),
});
export type UnidentifiedArgs = z.infer<typeof unidentifiedArgs>;

/** Sweeps one site, or all sites, for unidentified studies of the last `days`. */
export async function findUnidentified(ctx: CheckContext, args: UnidentifiedArgs): Promise<UnidentifiedResult> {
  const sites = args.site ? [args.site] : [...ctx.connectors.keys()];
  const connectors = sites.map((site) => connectorFor(ctx, site));
  const range = studyDateRange(ctx.now(), args.days);
  const limit = ctx.settings.sweepLimit;
  const answers = await Promise.allSettled(connectors.map((c) => c.findStudies({ studyDate: range, limit })));
  const records: StudyRecord[] = [];
  const unreachable: string[] = [];
  const truncated: string[] = [];
  answers.forEach((answer, i) => {
    const site = sites[i] ?? '?';
    if (answer.status === 'rejected') unreachable.push(site);
    else {
      if (answer.value.length >= limit) truncated.push(site);
      for (const record of answer.value) records.push(record);
    }
  });
  return {
    days: args.days,
    range,
    searched: sites,
    unreachable,
    truncated,
    ...sweepUnidentified(records, ctx.settings),
  };
}

/** `/pacs unidentified [days] [site]`. */
export const unidentifiedCheck = defineCheck({
  id: CheckId.Unidentified,
  command: 'unidentified',
  title: 'Unidentified studies',
  usage: 'unidentified [days 1–31] [site]',
  summary: 'Studies of the last days (default 7) with a blank or placeholder patient ID or name, or no accession.',
  examples: ['unidentified', 'unidentified 14', 'unidentified 3 main'],
  args: unidentifiedArgs,
  requiredRole: Role.Associate,
  sideEffects: false,
  returnsPhi: true,
  parse: (text, ctx) => parseSweepArgument(text, ctx.connectors.keys()),
  run: findUnidentified,
});

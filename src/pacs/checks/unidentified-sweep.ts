import type { StudyRecord } from '../types.js';
import type { CheckSettings } from './check-settings.js';

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

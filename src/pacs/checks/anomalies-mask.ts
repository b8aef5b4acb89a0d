import type { Role } from '../../core/roles.js';
import type { Anomaly, AnomalyKind } from './anomalies-sweep.js';
import { type MaskOptions, maskStudy } from './mask-study.js';
import type { UnidentifiedReason } from './unidentified-sweep.js';

/** An anomaly as a role may see it: identifiers masked like study lookups (UIDs only at the full level). */
export interface MaskedAnomaly {
  kind: AnomalyKind;
  /** The sites joined with `,` (the CLI contract's one `site` field). */
  site: string;
  sites: string[];
  accession: string | null;
  studyInstanceUid: string | null;
  studyDate: string | null;
  /** Distinct patient IDs as shown (masked tails; none for a requester). */
  patientIds: string[];
  patients?: number;
  instancesBySite?: Record<string, number>;
  reasons?: UnidentifiedReason[];
  worklistModalities?: string[];
  studyModalities?: string[];
}

/**
 * Masks one anomaly for `role`.
 *
 * @example `maskAnomaly(item, 'associate').accession` → `'ACC •••1234'`
 */
export function maskAnomaly(item: Anomaly, role: Role, options: MaskOptions = {}): MaskedAnomaly {
  const shown = item.records.map((r) => maskStudy(r, role, options));
  const first = item.records.find((r) => r.accession === item.accession) ?? item.records[0];
  const masked = first
    ? maskStudy({ ...first, studyInstanceUid: item.studyInstanceUid ?? '' }, role, options)
    : undefined;
  const dates = shown.map((s) => s.studyDate ?? '').sort();
  return {
    kind: item.kind,
    site: item.sites.join(','),
    sites: item.sites,
    accession: item.accession && masked?.accession ? masked.accession : null,
    studyInstanceUid: item.studyInstanceUid && masked?.studyInstanceUid ? masked.studyInstanceUid : null,
    studyDate: dates.at(-1) || null,
    patientIds: [...new Set(shown.flatMap((s) => (s.patientId ? [s.patientId] : [])))],
    ...(item.patients !== undefined ? { patients: item.patients } : {}),
    ...(item.instancesBySite ? { instancesBySite: item.instancesBySite } : {}),
    ...(item.reasons ? { reasons: item.reasons } : {}),
    ...(item.worklistModalities ? { worklistModalities: item.worklistModalities } : {}),
    ...(item.studyModalities ? { studyModalities: item.studyModalities } : {}),
  };
}

/** Modality codes as plain words: CS characters only, so a summary stays within what the ticket button accepts. */
const codes = (values: readonly string[] = []) =>
  values
    .map((v) => v.replace(/[^A-Za-z0-9_]/g, '').slice(0, 16))
    .filter((v) => v !== '')
    .slice(0, 4)
    .join(', ') || 'unknown';

/**
 * A ticket summary without identifiers (no accession, UID or patient ID).
 *
 * @example `anomalyTicketSummary(item)` → `'Data integrity: accession under 2 patient IDs (site main)'`
 */
export function anomalyTicketSummary(
  item: Pick<Anomaly, 'kind' | 'sites' | 'patients' | 'reasons' | 'worklistModalities' | 'studyModalities'>,
): string {
  const where = `(site${item.sites.length > 1 ? 's' : ''} ${item.sites.join(', ')})`;
  switch (item.kind) {
    case 'accession_multiple_patients':
      return `Data integrity: accession under ${item.patients ?? 2} patient IDs ${where}`;
    case 'study_uid_multiple_patients':
      return `Data integrity: Study Instance UID under ${item.patients ?? 2} patient IDs ${where}`;
    case 'partial_copy':
      return `Data integrity: partial copy, instance counts differ ${where}`;
    case 'worklist_modality_mismatch':
      return `Data integrity: study modality ${codes(item.studyModalities)} but worklist ${codes(item.worklistModalities)} ${where}`;
    case 'unidentified':
      return `Data integrity: unidentified study, ${(item.reasons ?? []).join(', ').replace(/_/g, ' ')} ${where}`;
  }
}

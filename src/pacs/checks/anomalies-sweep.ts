import type { StudyRecord } from '../types.js';
import { type SiteWorklists, worklistMismatches } from './anomalies-worklist.js';
import type { CheckSettings } from './check-settings.js';
import { createClassifier, type UnidentifiedReason } from './unidentified-sweep.js';

export const AnomalyKind = {
  AccessionMultiplePatients: 'accession_multiple_patients',
  StudyUidMultiplePatients: 'study_uid_multiple_patients',
  PartialCopy: 'partial_copy',
  WorklistModalityMismatch: 'worklist_modality_mismatch',
  Unidentified: 'unidentified',
} as const;
export type AnomalyKind = (typeof AnomalyKind)[keyof typeof AnomalyKind];

/** One finding. Holds PHI in `records` (every study involved): the renderers mask it. */
export interface Anomaly {
  kind: AnomalyKind;
  sites: string[];
  accession?: string;
  studyInstanceUid?: string;
  records: StudyRecord[];
  /** Distinct patient IDs involved (the two multiple-patient kinds). */
  patients?: number;
  /** Instances per site (partial copies). */
  instancesBySite?: Record<string, number>;
  reasons?: UnidentifiedReason[];
  /** Modalities the accession's worklist steps are scheduled as (worklist mismatches), upper case. */
  worklistModalities?: string[];
  /** Modalities in the study (worklist mismatches), upper case. */
  studyModalities?: string[];
}

export interface AnomalySummary {
  scanned: number;
  /** Complete counts, whatever the list shows. */
  counts: Record<AnomalyKind, number>;
  total: number;
  /** At most `listed`, in kind order then newest study first. */
  items: Anomaly[];
}

const uniq = (values: Iterable<string>) => [...new Set(values)].sort();
const patientKey = (r: StudyRecord) => r.patientId?.trim() ?? '';

function groupBy(records: readonly StudyRecord[], key: (r: StudyRecord) => string): Map<string, StudyRecord[]> {
  const groups = new Map<string, StudyRecord[]>();
  for (const record of records) {
    const k = key(record);
    if (k === '') continue;
    const group = groups.get(k);
    if (group) group.push(record);
    else groups.set(k, [record]);
  }
  return groups;
}

/** Blank IDs are the unidentified kind's business, not "another patient". */
const distinctPatients = (group: readonly StudyRecord[]) =>
  uniq(group.map(patientKey).filter((id) => id !== '')).length;

function byUid(uid: string, group: StudyRecord[]): Anomaly[] {
  const found: Anomaly[] = [];
  const sites = uniq(group.map((r) => r.site));
  const patients = distinctPatients(group);
  const accession = group.find((r) => r.accession?.trim())?.accession;
  if (patients > 1) {
    found.push({
      kind: AnomalyKind.StudyUidMultiplePatients,
      sites,
      accession,
      studyInstanceUid: uid,
      records: group,
      patients,
    });
  }
  const instancesBySite: Record<string, number> = {};
  for (const r of group) if (r.instances !== undefined) instancesBySite[r.site] = r.instances;
  if (sites.length > 1 && new Set(Object.values(instancesBySite)).size > 1) {
    found.push({
      kind: AnomalyKind.PartialCopy,
      sites,
      accession,
      studyInstanceUid: uid,
      records: group,
      instancesBySite,
    });
  }
  return found;
}

const newest = (a: Anomaly) =>
  a.records
    .map((r) => r.studyDate ?? '')
    .sort()
    .at(-1) ?? '';

/**
 * Finds every kind in one pass per grouping; the accession grouping spans sites. `worklists` holds the
 * worklist items of the sites that have a provider (joined by site and accession, see `worklistMismatches`).
 *
 * @example `sweepAnomalies([{ accession: 'A1', patientId: 'P1' }, { accession: 'A1', patientId: 'P2' }], s, 20).counts.accession_multiple_patients` → `1`
 */
export function sweepAnomalies(
  records: readonly StudyRecord[],
  settings: Pick<CheckSettings, 'placeholderIds' | 'placeholderName'>,
  listed: number,
  worklists: SiteWorklists = new Map(),
): AnomalySummary {
  const all: Anomaly[] = [];
  for (const [accession, group] of groupBy(records, (r) => r.accession?.trim() ?? '')) {
    // Most groups hold one study: nothing to compare.
    if (group.length < 2) continue;
    const patients = distinctPatients(group);
    if (patients < 2) continue;
    const uids = uniq(group.map((r) => r.studyInstanceUid));
    all.push({
      kind: AnomalyKind.AccessionMultiplePatients,
      sites: uniq(group.map((r) => r.site)),
      accession,
      studyInstanceUid: uids.length === 1 ? uids[0] : undefined,
      records: group,
      patients,
    });
  }
  for (const [uid, group] of groupBy(records, (r) => r.studyInstanceUid))
    if (group.length > 1) all.push(...byUid(uid, group));
  all.push(...worklistMismatches(records, worklists));
  const classify = createClassifier(settings);
  for (const record of records) {
    const reasons = classify(record);
    if (reasons.length === 0) continue;
    const { site, accession, studyInstanceUid } = record;
    all.push({
      kind: AnomalyKind.Unidentified,
      sites: [site],
      accession,
      studyInstanceUid,
      records: [record],
      reasons,
    });
  }
  const counts = Object.fromEntries(Object.values(AnomalyKind).map((k) => [k, 0])) as Record<AnomalyKind, number>;
  for (const a of all) counts[a.kind]++;
  const order = Object.values(AnomalyKind);
  all.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (newest(a) < newest(b) ? 1 : -1));
  return { scanned: records.length, counts, total: all.length, items: all.slice(0, listed) };
}

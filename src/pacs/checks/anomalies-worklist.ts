import type { StudyRecord } from '../types.js';
import type { WorklistItem } from '../worklist/worklist-types.js';
import type { Anomaly } from './anomalies-sweep.js';
import type { CheckContext } from './check-types.js';

/** Worklist items per site, as the sweep reads them; sites without a provider are absent. */
export type SiteWorklists = ReadonlyMap<string, readonly WorklistItem[]>;

export interface RecentWorklists {
  /** Sites whose worklist answered (their items are compared). */
  sites: string[];
  /** Sites whose worklist provider failed: no mismatch can be found there. */
  unreachable: string[];
  items: Map<string, WorklistItem[]>;
}

const day = (dicom: string, shift: number) => {
  const d = new Date(`${dicom.slice(0, 4)}-${dicom.slice(4, 6)}-${dicom.slice(6, 8)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + shift);
  return d.toISOString().slice(0, 10);
};

/**
 * The scheduled days to read for a study-date range: one day more on each side, since orders are often
 * booked the day before (or after) the exam, and the study range is in UTC days while worklists use local days.
 *
 * @example `worklistWindow('20261123-20261129')` → `{ from: '2026-11-22', to: '2026-11-30' }`
 */
export function worklistWindow(range: string): { from: string; to: string } {
  const [from = '', to = ''] = range.split('-');
  return { from: day(from, -1), to: day(to, 1) };
}

/**
 * One `scheduled` query per searched site that has a worklist provider, all at once. A provider that fails
 * (or throws) is named in `unreachable`; it never fails the sweep.
 */
export async function recentWorklists(
  ctx: Pick<CheckContext, 'worklists'>,
  searched: readonly string[],
  range: string,
): Promise<RecentWorklists> {
  const window = worklistWindow(range);
  const sources = searched.flatMap((site) => {
    const source = ctx.worklists?.get(site);
    return source ? [{ site, source }] : [];
  });
  const answers = await Promise.allSettled(sources.map(({ source }) => source.find({ by: 'scheduled', ...window })));
  const result: RecentWorklists = { sites: [], unreachable: [], items: new Map() };
  answers.forEach((answer, i) => {
    const site = sources[i]?.site ?? '?';
    if (answer.status === 'fulfilled' && answer.value.ok) {
      result.sites.push(site);
      result.items.set(site, answer.value.items);
    } else result.unreachable.push(site);
  });
  return result;
}

const norm = (s: string | undefined) => s?.trim().toUpperCase() ?? '';
const uniq = (values: Iterable<string>) => [...new Set(values)].filter((v) => v !== '').sort();

/**
 * Studies whose accession has items on the same site's worklist, none of them scheduled as a modality the
 * study holds. Several steps under one accession (a CT and an MR step) match a study of either modality.
 * A study without an accession or modalities, or an accession without items, is not compared.
 *
 * @example `worklistMismatches([ctStudy], new Map([['main', [{ accession: ctStudy.accession, modality: 'MR' }]]]))[0].worklistModalities` → `['MR']`
 */
export function worklistMismatches(records: readonly StudyRecord[], worklists: SiteWorklists): Anomaly[] {
  const scheduled = new Map<string, string[]>();
  for (const [site, items] of worklists) {
    for (const item of items) {
      const key = `${site}\u0000${norm(item.accession)}`;
      if (norm(item.accession) === '' || norm(item.modality) === '') continue;
      const modalities = scheduled.get(key);
      if (modalities) modalities.push(norm(item.modality));
      else scheduled.set(key, [norm(item.modality)]);
    }
  }
  const found: Anomaly[] = [];
  for (const record of records) {
    const worklistModalities = uniq(scheduled.get(`${record.site}\u0000${norm(record.accession)}`) ?? []);
    const studyModalities = uniq(record.modalities.map(norm));
    if (worklistModalities.length === 0 || studyModalities.length === 0) continue;
    if (worklistModalities.some((m) => studyModalities.includes(m))) continue;
    found.push({
      kind: 'worklist_modality_mismatch',
      sites: [record.site],
      accession: record.accession,
      studyInstanceUid: record.studyInstanceUid,
      records: [record],
      worklistModalities,
      studyModalities,
    });
  }
  return found;
}

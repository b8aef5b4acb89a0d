import { buildInstances, type SyntheticStudy } from '../../helpers/dicom-fixtures.js';
import type { TestOrthanc } from '../../helpers/orthanc-server.js';

/** The day the anomaly studies are dated; tests run the sweep with a clock on the next day. */
export const anomalyDay = '20261201';
export const anomalyNow = new Date('2026-12-02T12:00:00Z');

const base = { studyDate: anomalyDay, studyTime: '090000', patientName: 'TEST^ANOM', description: 'SYNTHETIC ANOMALY' };
const s = (key: string, uid: string, accession: string, patientId: string, modalities: string[]): SyntheticStudy => ({
  ...base,
  key,
  studyUid: `2.25.7770${uid}`,
  accession,
  patientId,
  modalities,
});

/** a1/a2: one accession, two patients (main). c: two instances on main, one on east. u: placeholder ID (east). */
export const anomalyStudies = {
  a1: s('a1', '1', 'SYNDUP01', 'SYN-PAT-201', ['CT']),
  a2: s('a2', '2', 'SYNDUP01', 'SYN-PAT-202', ['CT']),
  c: s('c', '3', 'SYNCOPY1', 'SYN-PAT-203', ['CT', 'OT']),
  u: s('u', '4', 'SYNUNK01', 'UNKNOWN', ['DX']),
} as const;

/** m1: a CT study its worklist item books as MR; m2: a CT study booked as CT (`mismatchWlItems`), both on one site. */
export const worklistStudies = {
  m1: s('m1', '5', 'SYNMWL01', 'SYN-PAT-204', ['CT']),
  m2: s('m2', '6', 'SYNMWL02', 'SYN-PAT-205', ['CT', 'OT']),
} as const;

async function upload(orthanc: TestOrthanc, body: Buffer): Promise<void> {
  const auth = `Basic ${Buffer.from(`${orthanc.user}:${orthanc.password}`).toString('base64')}`;
  const response = await fetch(`${orthanc.restUrl}/instances`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/dicom' },
    body,
  });
  if (!response.ok) throw new Error(`upload: HTTP ${response.status}`);
}

/**
 * Seeds the anomaly studies: `main` gets a1, a2 and all of c; `east` gets the first instance of c and u. `studyDate`
 * (`YYYYMMDD`) for callers on the system clock (the CLI).
 */
export async function seedAnomalies(main: TestOrthanc, east: TestOrthanc, studyDate = anomalyDay): Promise<void> {
  const [a1, a2, c, u] = Object.values(anomalyStudies).map((x) => ({ ...x, studyDate }));
  if (!a1 || !a2 || !c || !u) throw new Error('anomaly studies');
  for (const body of [...buildInstances(a1), ...buildInstances(a2), ...buildInstances(c)]) await upload(main, body);
  const [firstOfC] = buildInstances(c);
  if (firstOfC) await upload(east, firstOfC);
  for (const body of buildInstances(u)) await upload(east, body);
}

/** Seeds the worklist studies m1 and m2 on one Orthanc. */
export async function seedWorklistStudies(orthanc: TestOrthanc): Promise<void> {
  for (const study of Object.values(worklistStudies))
    for (const body of buildInstances(study)) await upload(orthanc, body);
}

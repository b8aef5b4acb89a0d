import { buildInstances, type SyntheticStudy } from '../../helpers/dicom-fixtures.js';
import { uploaderFor } from '../../helpers/orthanc-seed.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';

/** One patient with studies spread over an archive and the main site (all synthetic). */
export const priorPatient = { id: 'SYN-PRI-001', name: 'PRIOR^PATRICIA' } as const;

const study = (key: string, uid: string, date: string, modalities: string[], description: string): SyntheticStudy => ({
  key,
  studyUid: uid,
  accession: `SYNPRI${key.slice(-1)}`,
  patientId: priorPatient.id,
  patientName: priorPatient.name,
  studyDate: date,
  studyTime: '090000',
  modalities,
  description,
});

/** Only on the archive: three series (three instances), the one to fetch. */
export const archivedCt = study('p1', '1.2.826.0.1.3680043.8.498.71001', '20190304', ['CT', 'CT', 'SR'], 'CT CHEST');
/** Only on the archive too: fetched through C-MOVE in its own test. */
export const archivedMr = study('p2', '1.2.826.0.1.3680043.8.498.71002', '20170612', ['MR', 'MR'], 'MR BRAIN');
/** On both sites, complete on main: listed twice, not fetchable. */
export const sharedXr = study('p3', '1.2.826.0.1.3680043.8.498.71003', '20230101', ['CR'], 'XR CHEST PA');
/** Only on main: today's study the priors are for. */
export const currentCt = study('p4', '1.2.826.0.1.3680043.8.498.71004', '20241120', ['CT'], 'CT CHEST FOLLOW-UP');

/** Uploads the studies: archive gets p1–p3, main gets p3 and p4. */
export async function seedPriors(archive: TestOrthanc, main: TestOrthanc): Promise<void> {
  const put = async (o: TestOrthanc, studies: SyntheticStudy[]) => {
    const upload = uploaderFor(o);
    for (const s of studies) for (const body of buildInstances(s)) await upload(body);
  };
  await Promise.all([put(archive, [archivedCt, archivedMr, sharedXr]), put(main, [sharedXr, currentCt])]);
}

/**
 * The main site (AE title MAINPACS) and an archive (ARCHIVE) that knows main as a DICOM destination, seeded with
 * `seedPriors`: what fetching a prior needs.
 */
export async function startPriorSites(): Promise<{ main: TestOrthanc; archive: TestOrthanc }> {
  const main = await startOrthanc({ seed: false, aet: 'MAINPACS' });
  const archive = await startOrthanc({
    seed: false,
    aet: 'ARCHIVE',
    modalities: { main: { aet: 'MAINPACS', port: main.dicomPort } },
  }).catch(async (error: unknown) => {
    await main.stop();
    throw error;
  });
  await seedPriors(archive, main);
  return { main, archive };
}

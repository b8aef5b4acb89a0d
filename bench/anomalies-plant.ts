import type { AnomalyKind, AnomalySummary } from '../src/pacs/checks/anomalies-sweep.js';
import { buildInstances, type SyntheticStudy } from '../test/helpers/dicom-fixtures.js';
import { seedManyDated, type Upload, uploaderFor } from '../test/helpers/orthanc-seed.js';
import type { TestOrthanc } from '../test/helpers/orthanc-server.js';

/** The sweep's clock and window: seven days ending on `benchNow`, every study dated inside it. */
export const benchNow = new Date('2026-11-29T12:00:00Z');
export const benchDays = 7;
const day = (offset: number) =>
  new Date(benchNow.getTime() - offset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');

/** How many of each planted shape; everything else is bulk studies that must raise nothing. */
const plant = { duplicateAccessions: 3, uidConflicts: 2, partialCopies: 2, unidentifiedPerSite: 2 } as const;

/** A study UID under patient A on main and patient B on east also puts its accession under two patients. */
export const expectedCounts: Partial<Record<AnomalyKind, number>> = {
  accession_multiple_patients: plant.duplicateAccessions + plant.uidConflicts,
  study_uid_multiple_patients: plant.uidConflicts,
  partial_copy: plant.partialCopies,
  unidentified: 2 * plant.unidentifiedPerSite,
};

/** Throws unless the sweep saw every seeded study and found exactly the planted anomalies. */
export function verifyCounts(label: string, studies: number, summary: AnomalySummary): void {
  const wrong = Object.entries(summary.counts).filter(([kind, n]) => n !== (expectedCounts[kind as never] ?? 0));
  if (summary.scanned !== studies || wrong.length > 0) {
    throw new Error(
      `${label}: scanned ${summary.scanned} of ${studies}, counts ${JSON.stringify(summary.counts)}, expected ${JSON.stringify(expectedCounts)}`,
    );
  }
}

/** Studies (QIDO records) the planted shapes add on each site. */
export const plantedOnMain =
  2 * plant.duplicateAccessions + plant.uidConflicts + plant.partialCopies + plant.unidentifiedPerSite;
export const plantedOnEast = plant.uidConflicts + plant.partialCopies + plant.unidentifiedPerSite;

// Bulk UIDs are 2.25. + 17 digits; these are shorter, so the two never collide.
const study = (n: number, accession: string, patientId: string, modalities = ['CT']): SyntheticStudy => ({
  key: `planted${n}`,
  studyUid: `2.25.4440${n}`,
  accession,
  patientId,
  patientName: patientId === 'UNKNOWN' ? 'UNKNOWN^UNKNOWN' : 'TEST^ANOM',
  studyDate: day(0),
  studyTime: '090000',
  modalities,
  description: 'SYNTHETIC ANOMALY',
});

/** The planted studies: what goes to main, what goes to east (instances, so a partial copy can hold fewer). */
function plantedInstances(): { main: Buffer[]; east: Buffer[] } {
  const main: Buffer[] = [];
  const east: Buffer[] = [];
  let n = 0;
  for (let i = 1; i <= plant.duplicateAccessions; i++) {
    main.push(...buildInstances(study(++n, `SYNDUPA${i}`, `SYN-ANOM-D${i}A`)));
    main.push(...buildInstances(study(++n, `SYNDUPA${i}`, `SYN-ANOM-D${i}B`)));
  }
  for (let i = 1; i <= plant.uidConflicts; i++) {
    const onMain = study(++n, `SYNUIDX${i}`, `SYN-ANOM-X${i}A`);
    main.push(...buildInstances(onMain));
    east.push(...buildInstances({ ...onMain, patientId: `SYN-ANOM-X${i}B` }));
  }
  for (let i = 1; i <= plant.partialCopies; i++) {
    const [first, ...rest] = buildInstances(study(++n, `SYNPART${i}`, `SYN-ANOM-P${i}`, ['CT', 'OT']));
    if (!first) throw new Error('partial copy: no instance built');
    main.push(first, ...rest);
    east.push(first);
  }
  for (let i = 1; i <= plant.unidentifiedPerSite; i++) {
    main.push(...buildInstances(study(++n, `SYNUNKM${i}`, 'UNKNOWN')));
    east.push(...buildInstances(study(++n, `SYNUNKE${i}`, 'UNKNOWN')));
  }
  return { main, east };
}

/**
 * Seeds `studies` studies over the two sites: the planted ones, and bulk studies on main for the rest, dated
 * over the window. Main stays under the per-site sweep limit (10,000) when `studies` is 10,000.
 * Returns the elapsed ms.
 */
export async function seedAnomalyBench(main: TestOrthanc, east: TestOrthanc, studies: number): Promise<number> {
  const bulk = studies - plantedOnMain - plantedOnEast;
  if (bulk < 0) throw new Error(`at least ${plantedOnMain + plantedOnEast} studies`);
  const t0 = performance.now();
  const [toMain, toEast] = [uploaderFor(main), uploaderFor(east)];
  const { main: mainBodies, east: eastBodies } = plantedInstances();
  const each = (upload: Upload, bodies: Buffer[]) => Promise.all(bodies.map((b) => upload(b)));
  await Promise.all([
    seedManyDated(toMain, bulk, (i) => day(i % benchDays)),
    each(toMain, mainBodies),
    each(toEast, eastBodies),
  ]);
  return performance.now() - t0;
}

import type { FetchLike } from '../src/core/http.js';
import type { PriorsResult } from '../src/pacs/checks/priors.js';
import { createConnector } from '../src/pacs/connectors/create-connector.js';
import type { PacsConnector, StudyRecord } from '../src/pacs/types.js';
import { buildInstances, type SyntheticStudy } from '../test/helpers/dicom-fixtures.js';
import { uploaderFor } from '../test/helpers/orthanc-seed.js';
import { startOrthanc, type TestOrthanc } from '../test/helpers/orthanc-server.js';
import { orthancSite } from '../test/helpers/pacs-site-config.js';

/** The one patient whose priors the bench looks up (synthetic). */
export const benchPatient = { id: 'SYN-PRB-001', name: 'BENCH^PRIORA' } as const;

const study = (n: number, date: string, modalities: string[], description: string): SyntheticStudy => ({
  key: `pb${n}`,
  studyUid: `1.2.826.0.1.3680043.8.498.72${String(n).padStart(3, '0')}`,
  accession: `SYNPRB${n}`,
  patientId: benchPatient.id,
  patientName: benchPatient.name,
  studyDate: date,
  studyTime: '101500',
  modalities,
  description,
});

const ct = study(1, '20241120', ['CT', 'CT', 'SR'], 'CT CHEST FOLLOW-UP');
const mr = study(2, '20230611', ['MR', 'MR'], 'MR BRAIN');
const xr = study(3, '20220105', ['CR'], 'XR CHEST PA');
const us = study(4, '20210314', ['US'], 'US ABDOMEN');
const nm = study(5, '20190902', ['NM', 'NM'], 'NM BONE SCAN');
const mg = study(6, '20170427', ['MG'], 'MG SCREENING');

/** Sites in order, and the patient's studies on each: 4 + 3 + 2 copies, MR and XR on two sites each. */
export const priorsLayout = {
  main: [ct, mr, xr, us],
  east: [mr, nm, mg],
  archive: [xr, nm],
} as const satisfies Record<string, readonly SyntheticStudy[]>;

export type BenchSite = keyof typeof priorsLayout;
export const benchSites = Object.keys(priorsLayout) as BenchSite[];
/** Every copy is its own line of the answer. */
export const expectedPriors = benchSites.reduce((sum, s) => sum + priorsLayout[s].length, 0);

/** Starts one Orthanc per site, all at once; if any fails, stops the others before throwing. */
export async function startSites(): Promise<Record<BenchSite, TestOrthanc>> {
  const started = await Promise.allSettled(benchSites.map(() => startOrthanc({ seed: false })));
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(up.map((o) => o.stop()));
    throw failed.reason;
  }
  return Object.fromEntries(benchSites.map((site, i) => [site, up[i]])) as Record<BenchSite, TestOrthanc>;
}

/** A read-only connector per site, no retries (a failing call fails the run). */
export function siteConnectors(orthancs: Record<BenchSite, TestOrthanc>, fetch: FetchLike): Map<string, PacsConnector> {
  const connector = (id: BenchSite, o: TestOrthanc) => createConnector(orthancSite(id, o), { fetch, retries: 0 });
  return new Map(benchSites.map((id) => [id, connector(id, orthancs[id])]));
}

/** Uploads each site's studies of the patient, then `noise` one-instance studies of other patients on each. */
export async function seedPriorsBench(orthancs: Record<BenchSite, TestOrthanc>, noise: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    benchSites.map(async (site) => {
      const o = orthancs[site];
      const upload = uploaderFor(o);
      for (const s of priorsLayout[site]) for (const body of buildInstances(s)) await upload(body);
      if (noise > 0) await o.seedMany(noise);
    }),
  );
  return performance.now() - started;
}

/** Throws unless `records` are exactly the patient's studies planted on `site`. */
export function verifySite(label: string, site: BenchSite, records: readonly StudyRecord[]): void {
  const want = priorsLayout[site].map((s) => s.studyUid).sort();
  const got = records.map((r) => r.studyInstanceUid).sort();
  const others = records.filter((r) => r.patientId !== benchPatient.id || r.site !== site).length;
  if (others > 0 || got.join() !== want.join()) {
    throw new Error(`${label}: ${site} answered ${got.length} studies (${others} foreign), expected ${want.length}`);
  }
}

/** Throws unless the priors are every planted copy on every site, none missing, none extra, no site failing. */
export function verifyPriors(label: string, result: PriorsResult): void {
  if (result.tooMany || result.unreachable.length > 0) {
    throw new Error(`${label}: tooMany ${result.tooMany}, unreachable [${result.unreachable.join(', ')}]`);
  }
  if (result.matches.length !== expectedPriors) {
    throw new Error(`${label}: found ${result.matches.length} priors, expected ${expectedPriors}`);
  }
  for (const site of benchSites) {
    verifySite(
      label,
      site,
      result.matches.filter((m) => m.record.site === site).map((m) => m.record),
    );
  }
}

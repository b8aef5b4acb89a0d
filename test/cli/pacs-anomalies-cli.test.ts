import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrthanc, type TestOrthanc } from '../helpers/orthanc-server.js';
import { orthancSite, writeSitesConfig } from '../helpers/pacs-site-config.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { anomalyStudies, seedAnomalies } from '../pacs/checks/anomalies-seed.js';

const dir = tempDir('pacs-anomalies-cli-');
let main: TestOrthanc;
let east: TestOrthanc;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  [main, east] = await Promise.all([startOrthanc({ seed: false }), startOrthanc({ seed: false })]);
  // The CLI runs on the system clock: the studies are dated today (UTC).
  await seedAnomalies(main, east, new Date().toISOString().slice(0, 10).replaceAll('-', ''));
  const file = writeSitesConfig(dir.path, [orthancSite('main', main), orthancSite('east', east)]);
  env = { PACS_CONFIG: file };
}, 60_000);
afterAll(async () => {
  await Promise.all([main?.stop(), east?.stop()]);
  dir.remove();
});

const cli = (...argv: string[]) => runCliCaptured(argv, { dataDir: dir.path, env });
const phi = ['SYN-PAT-201', 'SYN-PAT-202', 'SYNDUP01', anomalyStudies.c.studyUid];

describe('pacs-desk pacs anomalies (two real Orthanc sites)', () => {
  it('--json follows the contract, masked, with complete counts', async () => {
    const { code, stdout } = await cli('pacs', 'anomalies', '--days', '2', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.counts).toEqual({
      accession_multiple_patients: 1,
      study_uid_multiple_patients: 0,
      partial_copy: 1,
      worklist_modality_mismatch: 0,
      unidentified: 1,
    });
    expect(out.anomalies[0]).toMatchObject({
      kind: 'accession_multiple_patients',
      site: 'main',
      accession: 'ACC •••UP01',
      studyInstanceUid: null,
      patientIds: ['•••-201', '•••-202'],
    });
    expect(out.anomalies.find((a: { kind: string }) => a.kind === 'partial_copy')).toMatchObject({
      site: 'east,main',
      instancesBySite: { main: 2, east: 1 },
    });
    for (const value of phi) expect(stdout).not.toContain(value);
  });

  it('--site sweeps one site; --show-phi shows identifiers and the audit trail says so', async () => {
    const one = JSON.parse((await cli('pacs', 'anomalies', '--site', 'east', '--json')).stdout);
    expect(one.searched).toEqual(['east']);
    expect(one.counts).toMatchObject({ unidentified: 1, partial_copy: 0, accession_multiple_patients: 0 });
    const { stdout } = await cli('pacs', 'anomalies', '--site', 'main', '--json', '--show-phi');
    const full = JSON.parse(stdout);
    expect(full.anomalies[0]).toMatchObject({ accession: 'SYNDUP01', patientIds: ['SYN-PAT-201', 'SYN-PAT-202'] });
    const audit = JSON.parse((await cli('audit', 'export', '--since', '2000-01-01', '--json')).stdout) as {
      eventId: string;
      query: Record<string, unknown> | null;
    }[];
    expect(audit.some((r) => r.eventId === '110112' && r.query?.showPhi === true)).toBe(true);
  });

  it('refuses bad days and an unknown site with exit code 2', async () => {
    expect((await cli('pacs', 'anomalies', '--days', '400', '--json')).code).toBe(2);
    expect((await cli('pacs', 'anomalies', '--site', 'nowhere', '--json')).code).toBe(2);
  });
});

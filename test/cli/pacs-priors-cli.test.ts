import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOrthanc } from '../helpers/orthanc-server.js';
import { orthancSite, writeSitesConfig } from '../helpers/pacs-site-config.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { archivedCt, priorPatient, startPriorSites } from '../pacs/priors/priors-seed.js';

const dir = tempDir('pacs-priors-cli-');
let main: TestOrthanc;
let archive: TestOrthanc;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ main, archive } = await startPriorSites());
  const file = writeSitesConfig(dir.path, [
    orthancSite('main', main, { aet: 'MAINPACS' }),
    orthancSite('archive', archive),
  ]);
  env = { PACS_CONFIG: file, PACS_ALLOW_WRITES: 'true' };
}, 60_000);
afterAll(async () => {
  await Promise.all([main?.stop(), archive?.stop()]);
  dir.remove();
});

const cli = (...argv: string[]) => runCliCaptured(argv, { dataDir: dir.path, env });

describe('pacs-desk pacs priors (an archive and a main Orthanc)', () => {
  it('--json follows the contract: every copy, newest first, UIDs and the patient masked', async () => {
    const { code, stdout } = await cli('pacs', 'priors', `mrn:${priorPatient.id}`, '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.priors).toHaveLength(5);
    expect(Object.keys(out.priors[0]).slice(0, 7)).toEqual([
      'site',
      'studyDate',
      'modalities',
      'description',
      'series',
      'instances',
      'studyInstanceUid',
    ]);
    expect(out.priors.map((p: { site: string; studyDate: string }) => `${p.site} ${p.studyDate}`)).toEqual([
      'main 2024-11-20',
      'archive 2023-01-01',
      'main 2023-01-01',
      'archive 2019-03-04',
      'archive 2017-06-12',
    ]);
    expect(out.priors[3]).toMatchObject({
      modalities: ['CT', 'SR'],
      series: 3,
      instances: 3,
      studyInstanceUid: archivedCt.studyUid,
      fetchable: true,
    });
    expect(out.priors[3]).not.toHaveProperty('patientId');
    expect(out.fetchTo).toBe('main');
    for (const p of [priorPatient.id, priorPatient.name, 'PATRICIA', 'SYNPRI']) expect(stdout).not.toContain(p);
  });

  it('--show-phi shows the patient; --site narrows to one site', async () => {
    const full = JSON.parse((await cli('pacs', 'priors', `mrn:${priorPatient.id}`, '--json', '--show-phi')).stdout);
    expect(full.priors[3]).toMatchObject({ patientId: priorPatient.id, patientName: priorPatient.name });
    const one = JSON.parse(
      (await cli('pacs', 'priors', `mrn:${priorPatient.id}`, '--site', 'archive', '--json')).stdout,
    );
    expect(one.priors.map((p: { site: string }) => p.site)).toEqual(['archive', 'archive', 'archive']);
  });

  it('refuses an accession and a wildcard with a clear message, and fetch is left to Slack', async () => {
    const acc = await cli('pacs', 'priors', 'SYNPRI1', '--json');
    expect(acc.code).not.toBe(0);
    expect(acc.stderr).toContain('Priors are found by patient');
    const wild = await cli('pacs', 'priors', 'mrn:SYN*', '--json');
    expect(wild.code).not.toBe(0);
    expect(wild.stderr).not.toMatch(/at .*\.ts:\d+/);
    const fetch = await cli('pacs', 'fetch', archivedCt.studyUid, 'archive');
    expect(fetch.code).not.toBe(0);
    expect(fetch.stderr).toContain('run from Slack');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { createConnector } from '../../../src/pacs/connectors/create-connector.js';
import { PacsError } from '../../../src/pacs/http/pacs-error.js';
import type { PacsConnector, SiteConfig } from '../../../src/pacs/types.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { waitUntil } from '../../helpers/wait-until.js';

let orthanc: TestOrthanc;
let site: SiteConfig;
let connector: PacsConnector;
const fetch = createFetch({ timeoutMs: 8000 });

beforeAll(async () => {
  orthanc = await startOrthanc({ jobs: true });
  site = {
    id: 'main',
    name: 'Main Orthanc',
    kind: 'orthanc',
    restUrl: orthanc.restUrl,
    dicomwebUrl: orthanc.dicomwebUrl,
    auth: { user: orthanc.user, password: orthanc.password },
    aliases: [],
  };
  connector = createConnector(site, { fetch, retries: 0, allowWrites: true, echoTimeoutMs: 2000 });
});

afterAll(async () => {
  await orthanc?.stop();
});

describe('Orthanc connector: studies', () => {
  it('finds a study by accession with series, instances, modalities and the description', async () => {
    const [study, ...rest] = await connector.findStudies({ accession: 'SYN0001' });
    expect(rest).toEqual([]);
    expect(study).toMatchObject({
      site: 'main',
      studyInstanceUid: orthanc.seed.studies.s1?.studyUid,
      accession: 'SYN0001',
      studyDate: '2024-01-15',
      modalities: ['CT', 'OT'],
      description: 'CT HEAD W/O CONTRAST',
      series: 2,
      instances: 2,
      patientId: 'SYN-PAT-001',
      patientName: 'TEST^ALICE',
    });
    expect(study?.lastReceived).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // Orthanc's LastUpdate is UTC without a zone: parsed as UTC it lies within minutes of now.
    expect(Math.abs(Date.parse(study?.lastReceived ?? '') - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('answers an empty list for an accession nobody has', async () => {
    expect(await connector.findStudies({ accession: 'SYN9999' })).toEqual([]);
  });

  it('finds all studies of a patient, newest first', async () => {
    const studies = await connector.findStudies({ patientId: 'SYN-PAT-001' });
    expect(studies.map((s) => s.accession)).toEqual(['SYN0003', 'SYN0001']);
  });

  it('searches a date range and keeps studies without accession or patient id', async () => {
    const studies = await connector.findStudies({ studyDate: '20240101-20240131' });
    expect(studies.map((s) => [s.studyDate, s.accession])).toEqual([
      ['2024-01-22', 'SYN0002'],
      ['2024-01-15', 'SYN0001'],
      ['2024-01-10', 'SYN0004'],
      ['2024-01-05', undefined],
    ]);
    const unidentified = studies.find((s) => s.accession === 'SYN0004');
    expect(unidentified?.patientId).toBeUndefined();
    expect(unidentified?.patientName).toBe('UNKNOWN^UNKNOWN');
    expect(await connector.findStudies({ studyDate: '20240201-' })).toHaveLength(1);
  });

  it('refuses queries that would match every study', async () => {
    await expect(connector.findStudies({})).rejects.toThrow(/needs an accession/);
    await expect(connector.findStudies({ patientId: '' })).rejects.toThrow(/invalid value/);
    await expect(connector.findStudies({ accession: 'SYN*' })).rejects.toThrow(/invalid value/);
  });

  it('reports a study still receiving as not stable, then stable after StableAge', async () => {
    await orthanc.seedMany(1);
    const [fresh] = await connector.findStudies({ accession: 'SYNB000000' });
    expect(fresh?.stable).toBe(false);
    await waitUntil(async () =>
      expect((await connector.findStudies({ accession: 'SYNB000000' }))[0]?.stable).toBe(true),
    );
  });

  it('uploads many small studies in parallel for benchmarks', async () => {
    const before = ((await orthanc.api('/statistics')) as { CountStudies: number }).CountStudies;
    const ms = await orthanc.seedMany(300);
    const after = ((await orthanc.api('/statistics')) as { CountStudies: number }).CountStudies;
    expect(after - before).toBe(300);
    console.log(`seedMany(300): ${ms} ms`);
  });

  it('reads the same studies over plain DICOMweb (vendor-neutral connector)', async () => {
    const qido = createConnector({ ...site, id: 'qido', kind: 'dicomweb', restUrl: undefined }, { fetch, retries: 0 });
    const [study] = await qido.findStudies({ accession: 'SYN0001' });
    expect(study).toMatchObject({
      site: 'qido',
      modalities: ['CT', 'OT'],
      series: 2,
      description: 'CT HEAD W/O CONTRAST',
    });
    expect(study?.stable).toBeUndefined();
    expect(await qido.status()).toMatchObject({ reachable: true });
  });
});

describe('Orthanc connector: jobs, echo, status', () => {
  it('lists jobs with failed, succeeded, running and pending states, grouped by target', async () => {
    const tasks = await connector.listTasks();
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const { failed, succeeded, slow } = orthanc.seed.jobs;
    expect(byId.get(failed)).toMatchObject({
      state: 'failed',
      rawState: 'Failure',
      queue: 'DicomModalityStore→OFFLINE',
    });
    expect(byId.get(failed)?.error).toMatch(/refused/i);
    expect(byId.get(succeeded)).toMatchObject({ state: 'succeeded', target: 'STORESCP', progress: 100 });
    expect(byId.get(slow[0] ?? '')).toMatchObject({ state: 'running', queue: 'DicomModalityStore→SLOWSCP' });
    expect(byId.get(slow[1] ?? '')).toMatchObject({ state: 'pending' });
    const created = Date.parse(byId.get(failed)?.createdAt ?? '');
    expect(Math.abs(created - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('echoes a reachable modality, a refused one and an unknown alias through Orthanc', async () => {
    expect(await connector.echo({ alias: 'ok', via: 'pacs', pacsName: 'storescp' })).toMatchObject({ ok: true });
    expect(await connector.echo({ alias: 'offline', via: 'pacs', pacsName: 'offline' })).toMatchObject({
      ok: false,
      cause: 'refused',
    });
    expect(await connector.echo({ alias: 'nope', via: 'pacs' })).toMatchObject({ ok: false, cause: 'unknown_alias' });
  });

  it('echoes Orthanc directly over DIMSE for a direct alias', async () => {
    const direct = {
      alias: 'self',
      via: 'direct',
      host: '127.0.0.1',
      port: orthanc.dicomPort,
      aet: orthanc.aet,
    } as const;
    expect(await connector.echo(direct)).toMatchObject({ ok: true });
  });

  it('reports status with version, storage and the job backlog', async () => {
    const status = await connector.status();
    expect(status).toMatchObject({ site: 'main', reachable: true, version: expect.stringMatching(/^1\.\d+/) });
    expect(status.storage?.studies).toBeGreaterThanOrEqual(6);
    expect(status.backlog?.running).toBeGreaterThanOrEqual(1);
    expect(status.backlog?.pending).toBeGreaterThanOrEqual(1);
    expect(status.backlog?.failed).toBeGreaterThanOrEqual(1);
  });

  it('resubmits a failed job and cancels a pending one', async () => {
    const { failed, slow } = orthanc.seed.jobs;
    await connector.retryTask?.(failed);
    const resubmitted = (await connector.listTasks()).find((t) => t.id === failed);
    expect(['pending', 'failed']).toContain(resubmitted?.state); // back in the queue (behind the slow store)
    await connector.cancelTask?.(slow[1] ?? '');
    await waitUntil(async () =>
      expect((await connector.listTasks()).find((t) => t.id === slow[1])).toMatchObject({ state: 'canceled' }),
    );
    await expect(connector.retryTask?.('../system')).rejects.toThrow(/not a job id/);
  });

  it('has no write actions unless writes are allowed', () => {
    const readOnly = createConnector(site, { fetch });
    expect(readOnly.retryTask).toBeUndefined();
    expect(readOnly.cancelTask).toBeUndefined();
  });

  it('fails with a clear auth error that does not contain the password', async () => {
    const wrong = createConnector(
      { ...site, auth: { user: orthanc.user, password: 'not-the-password' } },
      { fetch, retries: 0 },
    );
    const error = await wrong.findStudies({ accession: 'SYN0001' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PacsError);
    expect(error).toMatchObject({ pacsCode: 'pacs_auth_failed', status: 401 });
    const text = `${(error as Error).message} ${(error as PacsError).userMessage}`;
    expect(text).not.toContain('not-the-password');
    expect(text).not.toContain(orthanc.password);
    expect(text).not.toContain('SYN0001');
    expect(await wrong.status()).toMatchObject({ reachable: false, problem: expect.stringMatching(/credentials/) });
  });
});

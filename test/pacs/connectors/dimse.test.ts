import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { createConnector } from '../../../src/pacs/connectors/create-connector.js';
import { cEcho } from '../../../src/pacs/dimse/dimse-client.js';
import type { SiteConfig } from '../../../src/pacs/types.js';
import { freePort, startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';

let orthanc: TestOrthanc;
let site: SiteConfig;
const fetch = createFetch({ timeoutMs: 5000 });

beforeAll(async () => {
  orthanc = await startOrthanc();
  site = {
    id: 'legacy',
    name: 'DIMSE-only archive',
    kind: 'dicomweb',
    dimse: { host: '127.0.0.1', port: orthanc.dicomPort, calledAet: orthanc.aet, callingAet: orthanc.botAet },
    aliases: [],
  };
});

afterAll(async () => {
  await orthanc?.stop();
});

describe('DIMSE against Orthanc', () => {
  it('C-ECHOes Orthanc, and reports a refused port as refused', async () => {
    const peer = { host: '127.0.0.1', calledAet: 'ORTHANC', callingAet: 'PACSDESK', timeoutMs: 2000 };
    expect(await cEcho({ ...peer, port: orthanc.dicomPort })).toMatchObject({ ok: true });
    expect(await cEcho({ ...peer, port: await freePort() })).toMatchObject({ ok: false, cause: 'refused' });
  });

  it('finds studies by accession and by date range with a study-level C-FIND', async () => {
    const connector = createConnector(site, { fetch });
    const [study] = await connector.findStudies({ accession: 'SYN0001' });
    expect(study).toMatchObject({
      site: 'legacy',
      accession: 'SYN0001',
      studyDate: '2024-01-15',
      modalities: ['CT', 'OT'],
      description: 'CT HEAD W/O CONTRAST',
      patientName: 'TEST^ALICE',
      series: 2,
    });
    const january = await connector.findStudies({ studyDate: '20240101-20240131' });
    expect(january.map((s) => s.studyDate)).toEqual(['2024-01-22', '2024-01-15', '2024-01-10', '2024-01-05']);
    expect(january.find((s) => s.accession === 'SYN0004')?.patientId).toBeUndefined();
    expect(await connector.findStudies({ accession: 'SYN9999' })).toEqual([]);
  });

  it('reports status through C-ECHO', async () => {
    expect(await createConnector(site, { fetch }).status()).toMatchObject({ site: 'legacy', reachable: true });
  });

  it('turns an unregistered calling AET into an error within the timeout', async () => {
    const stranger = createConnector(
      { ...site, dimse: { ...site.dimse!, callingAet: 'STRANGER' } },
      { fetch, echoTimeoutMs: 800 },
    );
    const t0 = performance.now();
    await expect(stranger.findStudies({ accession: 'SYN0001' })).rejects.toMatchObject({
      pacsCode: expect.stringMatching(/pacs_(timeout|rejected)/),
    });
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

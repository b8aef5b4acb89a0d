import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import type { SiteConfig } from '../../../src/pacs/types.js';
import { createDcm4cheeMwl } from '../../../src/pacs/worklist/dcm4chee-mwl.js';
import { freePort } from '../../helpers/orthanc-server.js';

const host = 'https://arc.hospital.test';
const site: SiteConfig = {
  id: 'arc',
  name: 'dcm4chee archive',
  kind: 'dcm4chee',
  restUrl: `${host}/dcm4chee-arc`,
  dicomwebUrl: `${host}/dcm4chee-arc/aets/ARCAE/rs`,
  auth: { bearerToken: 'kc-token-123' },
  aliases: [],
};
const fetch = createFetch({ timeoutMs: 2000 });
const mwl = () => createDcm4cheeMwl(site, { fetch, retries: 0 });
const path = '/dcm4chee-arc/aets/ARCAE/rs/mwlitems';

/** An MWL item as MWL-RS answers it (DICOM JSON, PS3.18 F.2), one Scheduled Procedure Step. */
function mwlItem(acc: string, step: { date: string; time?: string; status: string; aet?: string }) {
  return {
    '00080050': { vr: 'SH', Value: [acc] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'TEST^ALICE' }] },
    '00100020': { vr: 'LO', Value: ['SYN-PAT-101'] },
    '00100030': { vr: 'DA', Value: ['19800102'] },
    '0020000D': { vr: 'UI', Value: ['2.25.4242001'] },
    '00321060': { vr: 'LO', Value: ['CT HEAD W/O CONTRAST'] },
    '00400100': {
      vr: 'SQ',
      Value: [
        {
          '00080060': { vr: 'CS', Value: ['CT'] },
          '00400001': { vr: 'AE', Value: [step.aet ?? 'CT3'] },
          '00400002': { vr: 'DA', Value: [step.date] },
          ...(step.time ? { '00400003': { vr: 'TM', Value: [step.time] } } : {}),
          '00400009': { vr: 'SH', Value: ['SPS1'] },
          '00400010': { vr: 'SH', Value: ['CT SCANNER 3'] },
          '00400020': { vr: 'CS', Value: [step.status] },
        },
      ],
    },
  };
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('dcm4chee-arc /mwlitems', () => {
  it('finds by accession with the bearer token and maps every field', async () => {
    nock(host, { reqheaders: { authorization: 'Bearer kc-token-123' } })
      .get(path)
      .query({ AccessionNumber: 'WL0001', includefield: 'all', limit: '200' })
      .reply(200, [mwlItem('WL0001', { date: '20261201', time: '091500.000', status: 'SCHEDULED' })]);
    const outcome = await mwl().find({ by: 'accession', accession: 'WL0001' });
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.items).toEqual([
      {
        accession: 'WL0001',
        modality: 'CT',
        scheduledStationAet: 'CT3',
        scheduledStationName: 'CT SCANNER 3',
        scheduledStart: '2026-12-01T09:15',
        status: 'SCHEDULED',
        procedure: 'CT HEAD W/O CONTRAST',
        studyInstanceUid: '2.25.4242001',
        patientId: 'SYN-PAT-101',
        patientName: 'TEST^ALICE',
        patientBirthDate: '1980-01-02',
      },
    ]);
  });

  it('finds by patient id, and by station + day through sequence attribute paths', async () => {
    nock(host)
      .get(path)
      .query({ PatientID: 'SYN-PAT-101', includefield: 'all', limit: '200' })
      .reply(200, [
        mwlItem('WL0001', { date: '20261201', status: 'SCHEDULED' }),
        mwlItem('WL0003', { date: '20261202', time: '0800', status: 'STARTED', aet: 'MR1' }),
      ]);
    nock(host)
      .get(path)
      .query({
        'ScheduledProcedureStepSequence.ScheduledStationAETitle': 'CT3',
        'ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate': '20261201',
        includefield: 'all',
        limit: '200',
      })
      .reply(200, [mwlItem('WL0001', { date: '20261201', time: '0915', status: 'SCHEDULED' })]);
    const byPatient = await mwl().find({ by: 'patient', patientId: 'SYN-PAT-101' });
    expect(byPatient.items.map((i) => [i.accession, i.scheduledStart, i.status])).toEqual([
      ['WL0001', '2026-12-01', 'SCHEDULED'],
      ['WL0003', '2026-12-02T08:00', 'STARTED'],
    ]);
    const station = await mwl().find({ by: 'station', stationAet: 'ct3', date: '2026-12-01' });
    expect(station.items).toHaveLength(1);
  });

  it('answers found-nothing for 204 and for an empty list', async () => {
    nock(host).get(path).query(true).reply(204);
    nock(host).get(path).query(true).reply(200, []);
    expect(await mwl().find({ by: 'accession', accession: 'WL9999' })).toMatchObject({ ok: true, items: [] });
    expect(await mwl().find({ by: 'accession', accession: 'WL9998' })).toMatchObject({ ok: true, items: [] });
  });

  it('refuses wildcards before any HTTP call', async () => {
    // disableNetConnect makes any request fail with a network error, so ok:false/bad_input proves none was sent.
    expect(await mwl().find({ by: 'accession', accession: 'WL*' })).toMatchObject({ ok: false, cause: 'bad_input' });
    expect(await mwl().find({ by: 'patient', patientId: 'SYN?' })).toMatchObject({ ok: false, cause: 'bad_input' });
  });

  it('gives a clear cause for refused credentials, a server error and a body that is not a list', async () => {
    nock(host).get(path).query(true).reply(401);
    nock(host).get(path).query(true).reply(500, 'boom');
    nock(host).get(path).query(true).reply(200, { not: 'a list' });
    const q = { by: 'accession', accession: 'WL0001' } as const;
    expect(await mwl().find(q)).toMatchObject({ ok: false, cause: 'auth_failed', items: [] });
    expect(await mwl().find(q)).toMatchObject({ ok: false, cause: 'bad_response' });
    expect(await mwl().find(q)).toMatchObject({ ok: false, cause: 'bad_response' });
  });

  it('reports a closed port as refused', async () => {
    const closed = { ...site, restUrl: `http://127.0.0.1:${await freePort()}/dcm4chee-arc` };
    const outcome = await createDcm4cheeMwl(closed, { fetch, retries: 0 }).find({ by: 'accession', accession: 'WL1' });
    expect(outcome).toMatchObject({ ok: false, cause: 'refused' });
    expect(outcome.detail).not.toMatch(/\n\s+at /);
  });
});

import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { createConnector } from '../../../src/pacs/connectors/create-connector.js';
import type { SiteConfig } from '../../../src/pacs/types.js';

const host = 'https://arc.hospital.test';
const site: SiteConfig = {
  id: 'arc',
  name: 'dcm4chee archive',
  kind: 'dcm4chee',
  restUrl: `${host}/dcm4chee-arc`,
  dicomwebUrl: `${host}/dcm4chee-arc/aets/DCM4CHEE/rs`,
  auth: { bearerToken: 'kc-token-123' },
  aliases: [],
};
const fetch = createFetch({ timeoutMs: 2000 });
const connector = () => createConnector(site, { fetch, retries: 0, allowWrites: true });

const qidoStudy = {
  '00080020': { vr: 'DA', Value: ['20240203'] },
  '00080050': { vr: 'SH', Value: ['SYN0003'] },
  '00080061': { vr: 'CS', Value: ['CR'] },
  '00081030': { vr: 'LO', Value: ['CR CHEST PA'] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'TEST^ALICE' }] },
  '00100020': { vr: 'LO', Value: ['SYN-PAT-001'] },
  '0020000D': { vr: 'UI', Value: ['2.25.146449080674994353765308088823690582883'] },
  '00201206': { vr: 'IS', Value: [1] },
  '00201208': { vr: 'IS', Value: [1] },
};

function task(taskID: string, queue: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    taskID,
    dicomDeviceName: 'dcm4chee-arc',
    queue,
    type: queue.startsWith('Export') ? 'EXPORT' : 'STGCMT_SCU',
    status,
    failures: status === 'FAILED' ? 3 : 0,
    createdTime: '2024-02-03T10:15:30.123+01:00',
    updatedTime: '2024-02-03T10:20:00.000+01:00',
    ...extra,
  };
}

describe('dcm4chee-arc connector (nock, documented shapes)', () => {
  it('searches QIDO with one includefield per tag, orderby, and the bearer token', async () => {
    const scope = nock(host, { reqheaders: { authorization: 'Bearer kc-token-123' } })
      .get('/dcm4chee-arc/aets/DCM4CHEE/rs/studies')
      .query((q) => {
        expect(q.AccessionNumber).toBe('SYN0003');
        expect(Array.isArray(q.includefield) && q.includefield.includes('00081030')).toBe(true);
        expect(q.orderby).toBe('-StudyDate');
        return true;
      })
      .reply(200, [qidoStudy], { 'content-type': 'application/dicom+json' });
    const [study] = await connector().findStudies({ accession: 'SYN0003' });
    expect(study).toMatchObject({
      site: 'arc',
      studyDate: '2024-02-03',
      patientName: 'TEST^ALICE',
      modalities: ['CR'],
    });
    scope.done();
  });

  it('treats 204 No Content as no match', async () => {
    nock(host).get('/dcm4chee-arc/aets/DCM4CHEE/rs/studies').query(true).reply(204);
    expect(await connector().findStudies({ accession: 'NOPE1' })).toEqual([]);
  });

  it('lists queue, export and retrieve tasks with mapped states, without duplicates', async () => {
    nock(host)
      .get('/dcm4chee-arc/queue')
      .reply(200, [
        { name: 'StgCmtSCU', description: 'Storage Commitment SCU Tasks' },
        { name: 'Export1', description: 'Export Tasks' },
      ])
      .get('/dcm4chee-arc/queue/StgCmtSCU')
      .query(true)
      .reply(200, [task('11', 'StgCmtSCU', 'SCHEDULED'), task('12', 'StgCmtSCU', 'IN PROCESS')])
      .get('/dcm4chee-arc/queue/Export1')
      .query(true)
      .reply(200, [task('21', 'Export1', 'FAILED', { errorMessage: 'Connection refused' })])
      .get('/dcm4chee-arc/monitor/export')
      .query(true)
      .reply(200, [
        task('21', 'Export1', 'FAILED', { ExporterID: 'CLOUD', errorMessage: 'Connection refused' }),
        task('22', 'Export1', 'CANCELED', { ExporterID: 'CLOUD' }),
      ])
      .get('/dcm4chee-arc/monitor/retrieve')
      .query(true)
      .reply(204);
    const tasks = await connector().listTasks();
    expect(tasks.map((t) => [t.id, t.state])).toEqual(
      expect.arrayContaining([
        ['StgCmtSCU/11', 'pending'],
        ['StgCmtSCU/12', 'running'],
        ['export/21', 'failed'],
        ['export/22', 'canceled'],
      ]),
    );
    expect(tasks).toHaveLength(4);
    expect(tasks.find((t) => t.id === 'export/21')).toMatchObject({
      queue: 'Export1',
      target: 'CLOUD',
      attempts: 3,
      error: 'Connection refused',
      createdAt: '2024-02-03T09:15:30.123Z',
    });
  });

  it('echoes through the archive and maps result codes and unknown AEs', async () => {
    nock(host)
      .post('/dcm4chee-arc/aets/DCM4CHEE/dimse/CT3')
      .reply(200, { result: 0, connectionTime: 3, echoTime: 12, releaseTime: 1 })
      .post('/dcm4chee-arc/aets/DCM4CHEE/dimse/OFFLINE')
      .reply(200, { result: 2, errorMessage: 'Connection refused' })
      .post('/dcm4chee-arc/aets/DCM4CHEE/dimse/NOPE')
      .reply(404, { errorMessage: 'No such Application Entity: NOPE' });
    const c = connector();
    expect(await c.echo({ alias: 'ct3', via: 'pacs', pacsName: 'CT3' })).toMatchObject({ ok: true });
    expect(await c.echo({ alias: 'off', via: 'pacs', pacsName: 'OFFLINE' })).toMatchObject({ cause: 'refused' });
    expect(await c.echo({ alias: 'nope', via: 'pacs', pacsName: 'NOPE' })).toMatchObject({ cause: 'unknown_alias' });
  });

  it('reports status from /ctrl/status and per-status queue counts', async () => {
    const counts: Record<string, number> = { SCHEDULED: 4, 'IN PROCESS': 1, FAILED: 2 };
    nock(host)
      .get('/dcm4chee-arc/ctrl/status')
      .reply(200, { status: 'STARTED' })
      .get('/dcm4chee-arc/queue')
      .reply(200, [{ name: 'Export1' }, { name: 'StgCmtSCU' }])
      .get(/\/dcm4chee-arc\/queue\/[^/]+\/count/)
      .query(true)
      .times(6)
      .reply((uri) => [200, { count: counts[new URL(uri, host).searchParams.get('status') ?? ''] ?? 0 }]);
    expect(await connector().status()).toMatchObject({
      site: 'arc',
      reachable: true,
      backlog: { pending: 8, running: 2, failed: 4 },
    });
  });

  it('reschedules and cancels a task at the endpoint that owns it', async () => {
    const scope = nock(host)
      .post('/dcm4chee-arc/monitor/export/21/reschedule')
      .reply(204)
      .post('/dcm4chee-arc/queue/StgCmtSCU/11/cancel')
      .reply(204);
    const c = connector();
    await c.retryTask?.('export/21');
    await c.cancelTask?.('StgCmtSCU/11');
    scope.done();
    await expect(c.retryTask?.('export/../../ctrl')).rejects.toThrow(/not a task id/);
  });
});

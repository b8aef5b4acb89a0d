import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DimsePeer } from '../../../src/pacs/dimse/dimse-client.js';
import { findWorklist } from '../../../src/pacs/worklist/dimse-worklist.js';
import { freePort } from '../../helpers/orthanc-server.js';
import { wl0001, wlItems } from './worklist-fixtures.js';
import { startOrthancWorklist, startWlmscpfs, type WorklistScp } from './worklist-servers.js';

const callingAet = 'PACSDESK';
let wlm: WorklistScp;
let orthanc: WorklistScp;

beforeAll(async () => {
  [wlm, orthanc] = await Promise.all([startWlmscpfs(wlItems), startOrthancWorklist(wlItems)]);
}, 40_000);

afterAll(async () => {
  await Promise.all([wlm?.stop(), orthanc?.stop()]);
});

const peerOf = (scp: WorklistScp, timeoutMs = 3000): DimsePeer => ({
  host: '127.0.0.1',
  port: scp.port,
  calledAet: scp.aet,
  callingAet,
  timeoutMs,
});

describe.each([
  ['wlmscpfs', () => wlm],
  ['Orthanc ModalityWorklists', () => orthanc],
])('Modality Worklist C-FIND against %s', (_name, scp) => {
  it('finds an item by accession with every WorklistItem field', async () => {
    const outcome = await findWorklist(peerOf(scp()), { by: 'accession', accession: 'WL0001' });
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.items).toEqual([wl0001]);
  });

  it('finds every item of a patient id', async () => {
    const outcome = await findWorklist(peerOf(scp()), { by: 'patient', patientId: 'SYN-PAT-101' });
    expect(outcome.items.map((i) => i.accession).sort()).toEqual(['WL0001', 'WL0003']);
  });

  it("lists a station's day by Scheduled Station AE Title + start date", async () => {
    const outcome = await findWorklist(peerOf(scp()), { by: 'station', stationAet: 'ct3', date: '2026-12-01' });
    expect(outcome.items.map((i) => [i.accession, i.scheduledStart]).sort()).toEqual([
      ['WL0001', '2026-12-01T09:15'],
      ['WL0002', '2026-12-01T14:30'],
    ]);
    const nextDay = await findWorklist(peerOf(scp()), { by: 'station', stationAet: 'CT3', date: '2026-12-02' });
    expect(nextDay).toMatchObject({ ok: true, items: [] });
  });

  it('answers ok with no items for an unknown accession', async () => {
    expect(await findWorklist(peerOf(scp()), { by: 'accession', accession: 'WL9999' })).toMatchObject({
      ok: true,
      items: [],
    });
  });

  it('returns both items of an accession booked twice', async () => {
    const outcome = await findWorklist(peerOf(scp()), { by: 'accession', accession: 'WL0004' });
    expect(outcome.items.map((i) => i.scheduledStart).sort()).toEqual(['2026-12-01T10:00', '2026-12-01T10:30']);
  });
});

describe('worklist lookups that cannot succeed', () => {
  it.each([
    { by: 'accession', accession: 'WL*' },
    { by: 'accession', accession: 'WL000?' },
    { by: 'patient', patientId: '*' },
    { by: 'station', stationAet: 'CT*', date: '2026-12-01' },
    { by: 'station', stationAet: 'CT3', date: '2026-02-30' },
  ] as const)('refuses %o before any network call', async (query) => {
    let connections = 0;
    const server = createServer((s) => {
      connections += 1;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const outcome = await findWorklist({ ...peerOf(wlm), port }, query);
    await new Promise((r) => server.close(r));
    expect(outcome).toMatchObject({ ok: false, cause: 'bad_input', items: [] });
    expect(connections).toBe(0);
  });

  it('reports a closed port as refused', async () => {
    const outcome = await findWorklist(
      { ...peerOf(wlm), port: await freePort() },
      { by: 'accession', accession: 'WL0001' },
    );
    expect(outcome).toMatchObject({ ok: false, cause: 'refused', items: [] });
    expect(outcome.detail ?? '').not.toMatch(/\n\s+at /);
  });

  it('reports a listening socket that never answers as a timeout, within the deadline', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const outcome = await findWorklist({ ...peerOf(wlm, 500), port }, { by: 'accession', accession: 'WL0001' });
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
    expect(outcome).toMatchObject({ ok: false, cause: 'timeout' });
    expect(sockets.length).toBe(1);
  });

  it.each([
    ['wlmscpfs', () => wlm],
    ['Orthanc', () => orthanc],
  ])('reports a wrong called AE title at %s as association rejected', async (_name, scp) => {
    const outcome = await findWorklist(
      { ...peerOf(scp()), calledAet: 'NOTTHIS' },
      { by: 'accession', accession: 'WL0001' },
    );
    expect(outcome).toMatchObject({ ok: false, cause: 'association_rejected', items: [] });
  });
});

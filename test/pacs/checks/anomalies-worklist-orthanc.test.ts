import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../../src/core/http.js';
import { findAnomalies } from '../../../src/pacs/checks/anomalies.js';
import { anomalyTicketSummary, maskAnomaly } from '../../../src/pacs/checks/anomalies-mask.js';
import { checkSettings } from '../../../src/pacs/checks/check-settings.js';
import type { CheckContext } from '../../../src/pacs/checks/check-types.js';
import { createConnector } from '../../../src/pacs/connectors/create-connector.js';
import type { SiteConfig } from '../../../src/pacs/types.js';
import { findWorklist } from '../../../src/pacs/worklist/dimse-worklist.js';
import { createWorklistSource, type WorklistSource } from '../../../src/pacs/worklist/worklist-source.js';
import type { WorklistQuery } from '../../../src/pacs/worklist/worklist-types.js';
import { freePort, startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { mismatchWlItems } from '../worklist/worklist-fixtures.js';
import { startOrthancWorklist, startWlmscpfs, type WorklistScp } from '../worklist/worklist-servers.js';
import { anomalyNow, seedWorklistStudies } from './anomalies-seed.js';

/** The worklist side of the sweep: a real Orthanc with a CT study booked as MR and one booked as CT, real MWL SCPs. */
let orthanc: TestOrthanc;
let wlm: WorklistScp;
let orthancWl: WorklistScp;
beforeAll(async () => {
  [orthanc, wlm, orthancWl] = await Promise.all([
    startOrthanc({ seed: false }),
    startWlmscpfs(mismatchWlItems),
    startOrthancWorklist(mismatchWlItems),
  ]);
  await seedWorklistStudies(orthanc);
}, 60_000);
afterAll(async () => {
  await Promise.all([orthanc?.stop(), wlm?.stop(), orthancWl?.stop()]);
});

const callingAet = 'PACSDESK';

function context(worklistPort: number, calls: WorklistQuery[] = []): CheckContext {
  const site: SiteConfig = {
    id: 'main',
    name: 'main',
    kind: 'orthanc',
    restUrl: orthanc.restUrl,
    dicomwebUrl: orthanc.dicomwebUrl,
    auth: { user: orthanc.user, password: orthanc.password },
    worklist: { aet: wlm.aet, host: '127.0.0.1', port: worklistPort, callingAet },
    aliases: [],
  };
  const fetch = createFetch({ timeoutMs: 8000 });
  const source = createWorklistSource(site, { fetch, retries: 0 }, 3000) as WorklistSource;
  const counted: WorklistSource = {
    find(query) {
      calls.push(query);
      return source.find(query);
    },
  };
  return {
    connectors: new Map([['main', createConnector(site, { fetch, retries: 0 })]]),
    worklists: new Map([['main', counted]]),
    defaultSite: 'main',
    now: () => anomalyNow.getTime(),
    settings: checkSettings(),
  };
}

describe('/pacs anomalies: study modality against the worklist (Orthanc + wlmscpfs)', () => {
  it('lists the CT study booked as MR, not the one booked as CT, from one worklist query', async () => {
    const calls: WorklistQuery[] = [];
    const r = await findAnomalies(context(wlm.port, calls), { days: 3 });
    expect(r).toMatchObject({ scanned: 2, unreachable: [], worklistSites: ['main'], worklistUnreachable: [] });
    expect(calls).toEqual([{ by: 'scheduled', from: '2026-11-29', to: '2026-12-03' }]);
    expect(r.counts.worklist_modality_mismatch).toBe(1);
    const mismatches = r.items.filter((i) => i.kind === 'worklist_modality_mismatch');
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({
      sites: ['main'],
      accession: 'SYNMWL01',
      worklistModalities: ['MR'],
      studyModalities: ['CT'],
    });
    const item = mismatches[0] as (typeof mismatches)[number];
    const masked = maskAnomaly(item, 'associate');
    expect(masked).toMatchObject({ accession: 'ACC •••WL01', worklistModalities: ['MR'], studyModalities: ['CT'] });
    expect(JSON.stringify(masked)).not.toMatch(/SYN|TEST\^|2\.25\./);
    expect(anomalyTicketSummary(item)).toBe('Data integrity: study modality CT but worklist MR (site main)');
  });

  it('still answers when the worklist SCP is down, naming the site', async () => {
    const r = await findAnomalies(context(await freePort()), { days: 3 });
    expect(r).toMatchObject({ scanned: 2, unreachable: [], worklistSites: [], worklistUnreachable: ['main'] });
    expect(r.counts.worklist_modality_mismatch).toBe(0);
  });
});

describe.each([
  ['wlmscpfs', () => wlm],
  ['Orthanc ModalityWorklists', () => orthancWl],
])('scheduled-date range C-FIND against %s', (_name, scp) => {
  const peer = () => ({ host: '127.0.0.1', port: scp().port, calledAet: scp().aet, callingAet, timeoutMs: 3000 });

  it('returns the steps scheduled inside the range only', async () => {
    const outcome = await findWorklist(peer(), { by: 'scheduled', from: '2026-11-30', to: '2026-12-01' });
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.items.map((i) => [i.accession, i.modality]).sort()).toEqual([
      ['SYNMWL01', 'MR'],
      ['SYNMWL02', 'CT'],
    ]);
    const earlier = await findWorklist(peer(), { by: 'scheduled', from: '2026-11-15', to: '2026-11-15' });
    expect(earlier.items.map((i) => i.accession)).toEqual(['SYNMWL03']);
  });
});

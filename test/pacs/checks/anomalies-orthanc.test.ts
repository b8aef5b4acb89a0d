import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AuditLog, createAuditLog } from '../../../src/audit/audit-log.js';
import { createFetch } from '../../../src/core/http.js';
import { checkSettings } from '../../../src/pacs/checks/check-settings.js';
import { createCheckRegistry } from '../../../src/pacs/checks/registry.js';
import { createConnector } from '../../../src/pacs/connectors/create-connector.js';
import { runCheck } from '../../../src/pacs/run-check.js';
import { backends, type TestStore } from '../../audit/helpers.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { orthancSite } from '../../helpers/pacs-site-config.js';
import { anomalyNow, anomalyStudies, seedAnomalies } from './anomalies-seed.js';

/** The sweep below Slack: two real Orthanc instances with synthetic anomalies, the real runner, audit on SQLite. */
let main: TestOrthanc;
let east: TestOrthanc;
beforeAll(async () => {
  [main, east] = await Promise.all([startOrthanc({ seed: false }), startOrthanc({ seed: false })]);
  await seedAnomalies(main, east);
}, 60_000);
afterAll(async () => {
  await Promise.all([main?.stop(), east?.stop()]);
});

let store: TestStore;
let audit: AuditLog;
beforeEach(async () => {
  store = await (backends[0] as (typeof backends)[number]).open();
  audit = createAuditLog(store.database);
});
afterEach(() => store.cleanup());

function deps() {
  const fetch = createFetch({ timeoutMs: 8000 });
  const connectors = new Map(
    [orthancSite('main', main), orthancSite('east', east)].map((s) => [
      s.id,
      createConnector(s, { fetch, retries: 0 }),
    ]),
  );
  const ctx = { connectors, defaultSite: 'main', now: () => anomalyNow.getTime(), settings: checkSettings() };
  return { registry: createCheckRegistry(), ctx, audit };
}

const run = (text: string) =>
  runCheck(deps(), { command: 'anomalies', text, actor: { userId: 'U0ASSOC' }, role: 'associate', source: 'cli' });

describe('/pacs anomalies against two Orthanc instances', () => {
  it('finds the duplicate accession, the partial copy and the unidentified study, audited per patient', async () => {
    const outcome = await run('3');
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.anomalies') throw new Error(JSON.stringify(outcome));
    const r = outcome.result;
    expect(r).toMatchObject({ scanned: 5, unreachable: [], searched: ['main', 'east'] });
    expect(r.counts).toEqual({
      accession_multiple_patients: 1,
      study_uid_multiple_patients: 0,
      partial_copy: 1,
      worklist_modality_mismatch: 0,
      unidentified: 1,
    });
    expect(r.items.find((i) => i.kind === 'partial_copy')).toMatchObject({
      studyInstanceUid: anomalyStudies.c.studyUid,
      instancesBySite: { main: 2, east: 1 },
    });
    const records = await audit.list();
    expect(records.map((x) => x.eventId)).toEqual(['110112', '110103', '110103', '110103', '110103']);
    const patients = records.slice(1).map((x) => x.patientId);
    expect(new Set(patients)).toEqual(new Set(['SYN-PAT-201', 'SYN-PAT-202', 'SYN-PAT-203', 'UNKNOWN']));
  });

  it('sweeps one site only: no partial copy is visible from main alone', async () => {
    const outcome = await run('3 main');
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.anomalies') throw new Error(JSON.stringify(outcome));
    expect(outcome.result.counts).toMatchObject({ accession_multiple_patients: 1, partial_copy: 0, unidentified: 0 });
  });

  it('finds nothing outside the days asked', async () => {
    const outcome = await run('1');
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.anomalies') throw new Error(JSON.stringify(outcome));
    expect(outcome.result).toMatchObject({ scanned: 0, total: 0 });
  });
});

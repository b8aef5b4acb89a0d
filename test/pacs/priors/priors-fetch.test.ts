import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AuditLog, createAuditLog } from '../../../src/audit/audit-log.js';
import { createFetch } from '../../../src/core/http.js';
import { Role } from '../../../src/core/roles.js';
import { checkSettings } from '../../../src/pacs/checks/check-settings.js';
import type { CheckContext } from '../../../src/pacs/checks/check-types.js';
import { createCheckRegistry } from '../../../src/pacs/checks/registry.js';
import { createConnector } from '../../../src/pacs/connectors/create-connector.js';
import { runCheck } from '../../../src/pacs/run-check.js';
import type { SiteConfig } from '../../../src/pacs/types.js';
import { backends, type TestStore } from '../../audit/helpers.js';
import type { TestOrthanc } from '../../helpers/orthanc-server.js';
import { orthancSite } from '../../helpers/pacs-site-config.js';
import { archivedCt, archivedMr, currentCt, priorPatient, sharedXr, startPriorSites } from './priors-seed.js';

/** Priors across two real Orthanc instances (an archive and the main site), and Fetch from one to the other. */
let main: TestOrthanc;
let archive: TestOrthanc;
beforeAll(async () => {
  ({ main, archive } = await startPriorSites());
}, 60_000);
afterAll(async () => {
  await Promise.all([main?.stop(), archive?.stop()]);
});

let store: TestStore;
let audit: AuditLog;
beforeEach(async () => {
  store = await (backends[0] as (typeof backends)[number]).open();
  audit = createAuditLog(store.database);
});
afterEach(() => store.cleanup());

/** The archive reached by QIDO and DIMSE only: a fetch from it is a C-MOVE the bot sends. */
const dimseArchive = (): SiteConfig => ({
  id: 'archive',
  name: 'archive',
  kind: 'dicomweb',
  dicomwebUrl: archive.dicomwebUrl,
  auth: { user: archive.user, password: archive.password },
  dimse: { host: '127.0.0.1', port: archive.dicomPort, calledAet: 'ARCHIVE', callingAet: archive.botAet },
  aliases: [],
});

function deps(options: { writes?: boolean; mainAet?: string; archiveSite?: SiteConfig } = {}) {
  const fetch = createFetch({ timeoutMs: 8000 });
  const writes = options.writes ?? true;
  const sites: SiteConfig[] = [
    orthancSite('main', main, { aet: options.mainAet ?? 'MAINPACS' }),
    options.archiveSite ?? orthancSite('archive', archive),
  ];
  const connectors = new Map(
    sites.map((s) => [s.id, createConnector(s, { fetch, retries: 0, allowWrites: writes, callingAet: 'PACSDESK' })]),
  );
  const settings = checkSettings({ allowWrites: writes, fetchPollMs: 100, fetchWaitMs: 20_000 });
  const ctx: CheckContext = { connectors, defaultSite: 'main', now: Date.now, settings };
  return { registry: createCheckRegistry(), ctx, audit };
}

const run = (d: ReturnType<typeof deps>, command: string, text: string, extra: { confirmed?: boolean } = {}) =>
  runCheck(d, { command, text, actor: { userId: 'U0ADMIN' }, role: Role.Admin, source: 'slack', ...extra });

const uidsOn = async (o: TestOrthanc) =>
  (
    (await o.api('/tools/find', { body: { Level: 'Study', Query: {}, Expand: true } })) as {
      MainDicomTags: { StudyInstanceUID: string };
    }[]
  ).map((s) => s.MainDicomTags.StudyInstanceUID);

describe('/pacs priors across an archive and the main site', () => {
  it('lists every copy newest first, offers Fetch only for what main lacks, and audits the patient', async () => {
    const outcome = await run(deps(), 'priors', `mrn:${priorPatient.id}`);
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.priors') throw new Error(JSON.stringify(outcome));
    const r = outcome.result;
    const lines = r.matches.map(({ record }, i) => [record.site, record.studyDate, r.fetchable[i]]);
    expect(lines).toEqual([
      ['main', '2024-11-20', false],
      ['archive', '2023-01-01', false],
      ['main', '2023-01-01', false],
      ['archive', '2019-03-04', true],
      ['archive', '2017-06-12', true],
    ]);
    expect(r.matches[3]?.record).toMatchObject({ modalities: ['CT', 'SR'], series: 3, instances: 3 });
    expect(r.fetchTo).toBe('main');
    const records = await audit.list();
    expect(records.map((x) => x.eventId)).toEqual(['110112', '110103']);
    expect(records[1]?.patientId).toBe(priorPatient.id);
  });

  it('offers no Fetch while writes are off, and the fetch itself is refused before any call', async () => {
    const d = deps({ writes: false });
    const outcome = await run(d, 'priors', `mrn:${priorPatient.id}`);
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.priors') throw new Error(JSON.stringify(outcome));
    expect(outcome.result.fetchTo).toBeUndefined();
    expect(outcome.result.fetchable.some(Boolean)).toBe(false);
    const fetch = await run(d, 'fetch', `${archivedCt.studyUid} archive`);
    expect(fetch).toMatchObject({ kind: 'invalid', message: expect.stringContaining('PACS_ALLOW_WRITES') });
  });

  it('refuses an accession, a wildcard and a bad UID before any PACS call', async () => {
    const d = deps();
    expect((await run(d, 'priors', 'SYNPRI1')).kind).toBe('invalid');
    expect((await run(d, 'priors', 'mrn:SYN-PRI-*')).kind).toBe('invalid');
    expect((await run(d, 'fetch', '1.2.* archive')).kind).toBe('invalid');
    expect((await run(d, 'fetch', `${archivedCt.studyUid} nowhere`)).kind).toBe('invalid');
    expect((await audit.list()).every((x) => x.eventId === '110113')).toBe(true);
  });
});

describe('Fetch a prior from the archive to main', () => {
  it('asks for confirmation without naming the patient, then sends it through the REST API and reports arrival', async () => {
    const d = deps();
    const ask = await run(d, 'fetch', `${archivedCt.studyUid} archive`);
    expect(ask).toMatchObject({
      kind: 'confirm',
      description: 'Fetch the CT/SR study of 2019-03-04 (3 series, 3 instances) from archive to main',
    });
    expect(await uidsOn(main)).not.toContain(archivedCt.studyUid);
    const done = await run(d, 'fetch', `${archivedCt.studyUid} archive`, { confirmed: true });
    if (done.kind !== 'result' || done.id !== 'pacs.prior.fetch') throw new Error(JSON.stringify(done));
    expect(done.result).toMatchObject({
      ok: true,
      arrived: true,
      instances: 3,
      expected: 3,
      from: 'archive',
      to: 'main',
    });
    expect(await uidsOn(main)).toContain(archivedCt.studyUid);
    const fetched = (await audit.list()).find((x) => x.eventTypeCode === '99PACSDESK:PD003');
    expect(fetched).toMatchObject({ eventId: '110100', outcome: 0 });
    const again = await run(d, 'fetch', `${archivedCt.studyUid} archive`);
    expect(again).toMatchObject({ kind: 'invalid', message: expect.stringContaining('already on main') });
  });

  it('fetches through a C-MOVE when the archive is reached by DIMSE only', async () => {
    const d = deps({ archiveSite: dimseArchive() });
    const done = await run(d, 'fetch', `${archivedMr.studyUid} archive`, { confirmed: true });
    if (done.kind !== 'result' || done.id !== 'pacs.prior.fetch') throw new Error(JSON.stringify(done));
    expect(done.result).toMatchObject({ ok: true, arrived: true, instances: 2, expected: 2 });
    expect(await uidsOn(main)).toContain(archivedMr.studyUid);
  });

  it('says plainly when the archive does not know the destination, and sends nothing', async () => {
    const d = deps({ mainAet: 'NOSUCHAET' });
    const done = await run(d, 'fetch', `${sharedXr.studyUid} archive`, { confirmed: true });
    // Already complete on main, so even a wrong AE title is never tried.
    expect(done).toMatchObject({ kind: 'result', result: { ok: false, reason: 'already_there' } });
    const unknown = await run(d, 'fetch', `${currentCt.studyUid} archive`, { confirmed: true });
    expect(unknown).toMatchObject({ kind: 'result', result: { ok: false, reason: 'not_found' } });
  });
});

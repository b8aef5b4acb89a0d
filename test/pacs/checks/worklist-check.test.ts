import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AuditLog, createAuditLog } from '../../../src/audit/audit-log.js';
import type { Role } from '../../../src/core/roles.js';
import { createCheckRegistry } from '../../../src/pacs/checks/registry.js';
import { runCheck } from '../../../src/pacs/run-check.js';
import { dimseWorklist, type WorklistSource } from '../../../src/pacs/worklist/worklist-source.js';
import { backends, type TestStore } from '../../audit/helpers.js';
import { freePort } from '../../helpers/orthanc-server.js';
import { type SilentScp, startSilentScp } from '../worklist/silent-scp.js';
import { wlItems } from '../worklist/worklist-fixtures.js';
import { startOrthancWorklist, startWlmscpfs, type WorklistScp } from '../worklist/worklist-servers.js';
import { fakeConnector, fakeContext, siteConfig } from './fakes.js';

/** The check end to end below Slack: real worklist SCPs, the real runner, the audit trail on SQLite. */
let wlm: WorklistScp;
let orthanc: WorklistScp;
let silent: SilentScp;
let closedPort: number;
beforeAll(async () => {
  [wlm, orthanc, silent, closedPort] = await Promise.all([
    startWlmscpfs(wlItems),
    startOrthancWorklist(wlItems),
    startSilentScp(),
    freePort(),
  ]);
}, 40_000);
afterAll(async () => {
  await Promise.all([wlm?.stop(), orthanc?.stop(), silent?.stop()]);
});

let store: TestStore;
let audit: AuditLog;
beforeEach(async () => {
  store = await (backends[0] as (typeof backends)[number]).open();
  audit = createAuditLog(store.database);
});
afterEach(() => store.cleanup());

const source = (port: number, calledAet: string, timeoutMs = 3000): WorklistSource =>
  dimseWorklist({ host: '127.0.0.1', port, calledAet, callingAet: 'PACSDESK', timeoutMs });

/** Sites: main (wlmscpfs), orthanc (plugin), silent (never answers), closed (nothing listens), rejecting (wrong AET). */
function deps() {
  const sites = ['main', 'orthanc', 'silent', 'closed', 'rejecting', 'none'];
  const ctx = fakeContext(
    sites.map((id) => fakeConnector(siteConfig(id))),
    {},
    new Date(2026, 11, 1, 10, 0), // local 2026-12-01 10:00: the fixtures' CT3 day
  );
  ctx.worklists = new Map([
    ['main', source(wlm.port, wlm.aet)],
    ['orthanc', source(orthanc.port, orthanc.aet)],
    ['silent', source(silent.port, 'WLM', 300)],
    ['closed', source(closedPort, 'WLM')],
    ['rejecting', source(orthanc.port, 'NOTTHIS')],
  ]);
  return { registry: createCheckRegistry(), ctx, audit };
}

const run = (text: string, role: Role = 'associate') =>
  runCheck(deps(), { command: 'worklist', text, actor: { userId: 'U0ASSOC' }, role, source: 'cli' });

describe.each(['main', 'orthanc'])('/pacs worklist against %s', (site) => {
  it('finds an accession, with every item field, no hint for a SCHEDULED item today, audited per patient', async () => {
    const outcome = await run(`WL0001 ${site}`);
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.worklist') throw new Error(JSON.stringify(outcome));
    expect(outcome.result).toMatchObject({ kind: 'lookup', site, found: true, hints: [] });
    if (outcome.result.kind !== 'lookup') return;
    expect(outcome.result.items).toEqual([
      expect.objectContaining({ accession: 'WL0001', studyInstanceUid: '2.25.4242000' }),
    ]);
    const records = await audit.list();
    expect(records.map((r) => [r.eventId, r.outcome])).toEqual([
      ['110112', 0],
      ['110103', 0],
    ]);
    expect(records[1]).toMatchObject({ patientId: 'SYN-PAT-101', studyUids: ['2.25.4242000'] });
  });

  it('gives the hints: tomorrow, another station, a hiding status, a duplicate order, no item', async () => {
    const hints = async (text: string) => {
      const o = await run(`${text} ${site}`);
      return o.kind === 'result' && o.id === 'pacs.worklist' && o.result.kind === 'lookup' ? o.result.hints : [];
    };
    expect((await hints('WL0003')).join('\n')).toMatch(/booked for tomorrow \(2026-12-02 at 08:00\)/);
    expect((await hints('WL0001 at:MR1')).join('\n')).toMatch(/scheduled on station CT3 \(CT SCANNER 3\), not MR1/);
    expect((await hints('WL0002')).join('\n')).toMatch(/step status ARRIVED/);
    expect((await hints('WL0004')).join('\n')).toMatch(/2 worklist items for one accession/);
    expect(await hints('WL9999')).toEqual([expect.stringMatching(/^no worklist item: the order did not reach/)]);
  });

  it('lists a patient’s items only, one Instances Accessed record for the patient', async () => {
    const outcome = await run(`mrn:SYN-PAT-101 ${site}`);
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.worklist' || outcome.result.kind !== 'lookup')
      throw new Error(outcome.kind);
    expect(outcome.result.items.map((i) => i.accession).sort()).toEqual(['WL0001', 'WL0003']);
    const accessed = (await audit.list()).filter((r) => r.eventId === '110103');
    expect(accessed).toHaveLength(1);
    expect([...(accessed[0]?.studyUids ?? [])].sort()).toEqual(['2.25.4242000', '2.25.4242002']);
  });

  it('counts a station’s day without patient data, and accesses no study', async () => {
    const outcome = await run(`station CT3 2026-12-01 ${site}`);
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.worklist') throw new Error(outcome.kind);
    expect(outcome.result).toEqual({
      kind: 'station',
      site,
      station: 'CT3',
      summary: {
        date: '2026-12-01',
        count: 2,
        latestStart: '14:30',
        text: '2 items on 2026-12-01, the latest at 14:30',
      },
      ms: expect.any(Number),
    });
    expect(JSON.stringify(outcome.result)).not.toMatch(/TEST|SYN-PAT/);
    expect((await audit.list()).map((r) => r.eventId)).toEqual(['110112']);
    const empty = await run(`station CT3 2026-12-03 ${site}`);
    expect(JSON.stringify(empty)).toContain('the whole worklist is empty for 2026-12-03');
  });
});

describe('/pacs worklist refusals and failures', () => {
  it('refuses a clinician and wildcards before any connection, with a Security Alert each', async () => {
    expect(await run('WL0001 silent', 'requester')).toMatchObject({ kind: 'denied' });
    for (const text of [
      'WL* silent',
      'mrn:* silent',
      'station CT* silent',
      'WL0001 at:CT? silent',
      'WL0001&x=1 silent',
    ]) {
      expect(await run(text)).toMatchObject({ kind: 'invalid' });
    }
    expect(silent.connections()).toBe(0);
    expect((await audit.list()).map((r) => r.eventId)).toEqual(Array(6).fill('110113'));
  });

  it.each([
    ['closed', /connection was refused/, 'pacs_worklist_refused'],
    ['rejecting', /rejected the association/, 'pacs_worklist_association_rejected'],
    ['silent', /did not answer in time \(timeout\)/, 'pacs_worklist_timeout'],
  ])(
    'says why the %s provider gave no answer, without host or stack; audited as a failed query',
    async (site, cause, code) => {
      const outcome = await run(`WL0001 ${site}`);
      expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringMatching(cause) });
      if (outcome.kind !== 'failed') return;
      expect(outcome.message).toContain(`site ${site}`);
      expect(outcome.message).not.toMatch(/127\.0\.0\.1|\n\s+at /);
      for (const port of [closedPort, orthanc.port, silent.port]) expect(outcome.message).not.toContain(String(port));
      const records = await audit.list();
      expect(records.map((r) => [r.eventId, r.outcome])).toEqual([
        ['110112', 0],
        ['110112', 8],
      ]);
      expect(records[1]?.description).toContain(code);
    },
  );

  it('says when a site has no worklist provider', async () => {
    expect(await run('WL0001 none')).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('no worklist provider'),
    });
  });
});

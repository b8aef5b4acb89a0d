import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AuditLog, createAuditLog } from '../../../src/audit/audit-log.js';
import { createFetch } from '../../../src/core/http.js';
import { createCheckRegistry } from '../../../src/pacs/checks/registry.js';
import { runCheck } from '../../../src/pacs/run-check.js';
import type { SiteConfig } from '../../../src/pacs/types.js';
import { createWorklistSource } from '../../../src/pacs/worklist/worklist-source.js';
import { backends, type TestStore } from '../../audit/helpers.js';
import { fakeConnector, fakeContext } from './fakes.js';

/** A dcm4chee site without a worklist SCP: `/pacs worklist` goes to its MWL-RS, within PACS_WORKLIST_TIMEOUT_MS. */
const host = 'https://arc.hospital.test';
const path = '/dcm4chee-arc/aets/DCM4CHEE/rs/mwlitems';
const site: SiteConfig = { id: 'arc', name: 'arc', kind: 'dcm4chee', restUrl: `${host}/dcm4chee-arc`, aliases: [] };
const item = {
  '00080050': { vr: 'SH', Value: ['WL0001'] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'TEST^ALICE' }] },
  '00100020': { vr: 'LO', Value: ['SYN-PAT-101'] },
  '0020000D': { vr: 'UI', Value: ['2.25.4242001'] },
  '00321060': { vr: 'LO', Value: ['CT HEAD W/O CONTRAST'] },
  '00400100': {
    vr: 'SQ',
    Value: [
      {
        '00080060': { vr: 'CS', Value: ['CT'] },
        '00400001': { vr: 'AE', Value: ['CT3'] },
        '00400002': { vr: 'DA', Value: ['20261201'] },
        '00400003': { vr: 'TM', Value: ['0915'] },
        '00400020': { vr: 'CS', Value: ['CANCELED'] },
      },
    ],
  },
};

let store: TestStore;
let audit: AuditLog;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  store = await (backends[0] as (typeof backends)[number]).open();
  audit = createAuditLog(store.database);
});
afterEach(async () => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
  await store.cleanup();
});

function run(text: string, timeoutMs = 2000) {
  const ctx = fakeContext([fakeConnector(site)], {}, new Date(2026, 11, 1, 10, 0));
  const source = createWorklistSource(site, { fetch: createFetch({ timeoutMs: 10_000 }), retries: 2 }, timeoutMs);
  ctx.worklists = new Map(source ? [['arc', source]] : []);
  const deps = { registry: createCheckRegistry(), ctx, audit };
  return runCheck(deps, { command: 'worklist', text, actor: { userId: 'U0ASSOC' }, role: 'associate', source: 'cli' });
}

describe('/pacs worklist on a dcm4chee site', () => {
  it('reads /mwlitems, with the status hint, audited with the item’s Study Instance UID', async () => {
    nock(host).get(path).query({ AccessionNumber: 'WL0001', includefield: 'all', limit: '200' }).reply(200, [item]);
    const outcome = await run('WL0001');
    if (outcome.kind !== 'result' || outcome.id !== 'pacs.worklist' || outcome.result.kind !== 'lookup')
      throw new Error(outcome.kind);
    expect(outcome.result.items).toEqual([expect.objectContaining({ accession: 'WL0001', status: 'CANCELED' })]);
    expect(outcome.result.hints.join('\n')).toMatch(/step status CANCELED/);
    expect((await audit.list()).find((r) => r.eventId === '110103')).toMatchObject({ studyUids: ['2.25.4242001'] });
  });

  it('gives up at PACS_WORKLIST_TIMEOUT_MS, once (no retries), and says timeout', async () => {
    nock(host).get(path).query(true).delay(1000).reply(200, [item]);
    const outcome = await run('WL0001', 150);
    expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringMatching(/\(timeout\)/) });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/orthanc-server.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { type SilentScp, startSilentScp } from '../pacs/worklist/silent-scp.js';
import { wlItems } from '../pacs/worklist/worklist-fixtures.js';
import { startWlmscpfs, type WorklistScp } from '../pacs/worklist/worklist-servers.js';

/** `pacs-desk pacs worklist` in the single-archive env form, against a real wlmscpfs. */
const dir = tempDir('pacs-wl-cli-');
let wlm: WorklistScp;
let silent: SilentScp;
const archive = { PACS_KIND: 'dicomweb', DICOMWEB_URL: 'http://127.0.0.1:9/dicom-web' };

beforeAll(async () => {
  [wlm, silent] = await Promise.all([startWlmscpfs(wlItems), startSilentScp()]);
}, 30_000);
afterAll(async () => {
  await Promise.all([wlm?.stop(), silent?.stop()]);
  dir.remove();
});

const cli = (worklist: string, ...argv: string[]) =>
  runCliCaptured(argv, {
    dataDir: dir.path,
    env: { ...archive, PACS_WORKLIST: worklist, PACS_WORKLIST_TIMEOUT_MS: '500' },
  });
const real = (...argv: string[]) => cli(`${wlm.aet}@127.0.0.1:${wlm.port}`, ...argv);
const auditRecords = async () =>
  JSON.parse((await real('audit', 'export', '--since', '2000-01-01', '--json')).stdout) as {
    eventId: string;
    query: Record<string, unknown> | null;
  }[];

describe('pacs-desk pacs worklist', () => {
  it('--json follows the contract, patient fields masked', async () => {
    const { code, stdout } = await real('pacs', 'worklist', 'WL0001', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['found', 'items', 'hints']));
    expect(out.found).toBe(true);
    expect(out.items).toEqual([
      {
        accession: 'ACC •••001',
        modality: 'CT',
        scheduledStationAet: 'CT3',
        scheduledStationName: 'CT SCANNER 3',
        scheduledStart: '2026-12-01T09:15',
        status: 'SCHEDULED',
        procedure: 'CT HEAD W/O CONTRAST',
        patientName: 'T.A.',
        patientId: '•••-101',
      },
    ]);
    expect(out.hints.every((h: unknown) => typeof h === 'string')).toBe(true);
    expect(stdout).not.toMatch(/TEST\^ALICE|SYN-PAT-101|WL0001|2\.25\./);
  });

  it('--show-phi shows identifiers in full and says so in the audit trail', async () => {
    const out = JSON.parse((await real('pacs', 'worklist', 'mrn:SYN-PAT-101', '--json', '--show-phi')).stdout);
    expect(out.items.map((i: { accession: string }) => i.accession).sort()).toEqual(['WL0001', 'WL0003']);
    expect(out.items[0]).toMatchObject({
      patientName: 'TEST^ALICE',
      patientId: 'SYN-PAT-101',
      patientBirthDate: expect.any(String),
    });
    expect(out.items[0].studyInstanceUid).toMatch(/^2\.25\./);
    const records = await auditRecords();
    expect(records.some((r) => r.eventId === '110112' && r.query?.showPhi === true && r.query?.by === 'mrn')).toBe(
      true,
    );
    expect(records.some((r) => r.eventId === '110103')).toBe(true);
  });

  it('station --date answers counts only', async () => {
    const { code, stdout } = await real('pacs', 'worklist', 'station', 'CT3', '--date', '2026-12-01', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      site: 'main',
      station: 'CT3',
      date: '2026-12-01',
      count: 2,
      latestStart: '14:30',
      summary: '2 items on 2026-12-01, the latest at 14:30',
    });
    expect((await real('pacs', 'worklist', 'station', 'CT3', '--date', '2026-13-01')).code).toBe(2);
    expect((await real('pacs', 'study', 'SYN0001', '--date', '2026-12-01')).code).toBe(2);
  });

  it('refuses wildcards with exit code 2 before any connection', async () => {
    for (const bad of ['WL*', 'mrn:*']) {
      const { code, stderr } = await cli(`WLM@127.0.0.1:${silent.port}`, 'pacs', 'worklist', bad, '--json');
      expect(code).toBe(2);
      expect(stderr).not.toContain(bad);
    }
    expect((await cli(`WLM@127.0.0.1:${silent.port}`, 'pacs', 'worklist', 'station', 'CT*')).code).toBe(2);
    expect(silent.connections()).toBe(0);
  });

  it('an unreachable SCP exits 1 with its cause (refused, timeout), no host or stack; --json says so on stdout', async () => {
    const refused = await cli(`WLM@127.0.0.1:${await freePort()}`, 'pacs', 'worklist', 'WL0001', '--json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/connection was refused/);
    expect(JSON.parse(refused.stdout)).toMatchObject({ found: null, error: { code: 'pacs_unavailable' } });
    const timeout = await cli(`WLM@127.0.0.1:${silent.port}`, 'pacs', 'worklist', 'WL0001');
    expect(timeout.code).toBe(1);
    expect(timeout.stderr).toMatch(/did not answer in time \(timeout\)/);
    for (const r of [refused, timeout]) expect(r.stderr).not.toMatch(/127\.0\.0\.1|\n\s+at /);
  });
});

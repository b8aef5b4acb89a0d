import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrthanc, type TestOrthanc } from '../helpers/orthanc-server.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('pacs-cli-');
let orthanc: TestOrthanc;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  orthanc = await startOrthanc({ jobs: true });
  env = {
    PACS_KIND: 'orthanc',
    PACS_URL: orthanc.restUrl,
    PACS_USER: orthanc.user,
    PACS_PASSWORD: orthanc.password,
    PACS_ECHO_ALIASES: 'storescp,offline',
  };
}, 60_000);
afterAll(async () => {
  await orthanc?.stop();
  dir.remove();
});

const cli = (...argv: string[]) => runCliCaptured(argv, { dataDir: dir.path, env });

describe('pacs-desk pacs (single-archive env form, real Orthanc)', () => {
  it('study --json follows the contract, with patient fields masked', async () => {
    const { code, stdout } = await cli('pacs', 'study', 'SYN0001', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.found).toBe(true);
    expect(out.study).toMatchObject({
      accession: 'ACC •••0001',
      studyDate: '2024-01-15',
      modalities: expect.arrayContaining(['CT', 'OT']),
      description: 'CT HEAD W/O CONTRAST',
      series: 2,
      instances: expect.any(Number),
      studyInstanceUid: null,
      patientName: 'T.A.',
    });
    expect(stdout).not.toMatch(/TEST\^ALICE|SYN-PAT-001/);
  });

  it('P3 U1: --show-phi shows identifiers in full and says so in the audit trail', async () => {
    const { stdout } = await cli('pacs', 'study', 'SYN0001', '--json', '--show-phi');
    const out = JSON.parse(stdout);
    expect(out.study).toMatchObject({ accession: 'SYN0001', patientName: 'TEST^ALICE', patientId: 'SYN-PAT-001' });
    expect(out.study.studyInstanceUid).toMatch(/^2\.25\./);
    const audit = JSON.parse((await cli('audit', 'export', '--since', '2000-01-01', '--json')).stdout) as {
      eventId: string;
      query: Record<string, unknown> | null;
    }[];
    expect(audit.some((r) => r.eventId === '110112' && r.query?.showPhi === true)).toBe(true);
  });

  it('B2 U2: refuses a wildcard with exit code 2 and records a Security Alert, not a query', async () => {
    const before = JSON.parse((await cli('audit', 'export', '--since', '2000-01-01', '--json')).stdout).length;
    const { code, stderr } = await cli('pacs', 'study', 'SYN*', '--json');
    expect(code).toBe(2);
    expect(stderr).not.toContain('SYN*');
    const after = JSON.parse((await cli('audit', 'export', '--since', '2000-01-01', '--json')).stdout) as {
      eventId: string;
    }[];
    // new since the first export (whose own 110101 it already printed): the Security Alert, then this export's 110101
    expect(after.slice(before).map((r) => r.eventId)).toEqual(['110113', '110101']);
  });

  it('echo --json answers {ok, ms, cause}', async () => {
    const ok = JSON.parse((await cli('pacs', 'echo', 'storescp', '--json')).stdout);
    expect(ok).toMatchObject({ ok: true, ms: expect.any(Number) });
    const down = JSON.parse((await cli('pacs', 'echo', 'offline', '--json')).stdout);
    expect(down).toMatchObject({ ok: false, cause: 'refused' });
    expect((await cli('pacs', 'echo', '127.0.0.1:22', '--json')).code).toBe(2);
  });

  it('queue, status and unidentified answer JSON', async () => {
    const queue = JSON.parse((await cli('pacs', 'queue', '--json')).stdout);
    expect(queue.byState.failed).toBeGreaterThanOrEqual(1);
    const status = JSON.parse((await cli('pacs', 'status', '--json')).stdout);
    expect(status.sites[0]).toMatchObject({ site: 'main', reachable: true });
    const unidentified = await cli('pacs', 'unidentified', '--days', '31', '--json');
    expect(unidentified.code).toBe(0);
    expect(JSON.parse(unidentified.stdout)).toMatchObject({ days: 31, scanned: expect.any(Number) });
    expect((await cli('pacs', 'unidentified', '--days', '400', '--json')).code).toBe(2);
    // --site reaches the sweep: the configured site answers, an unknown one is refused by name.
    const onMain = await cli('pacs', 'unidentified', '--days', '31', '--site', 'main', '--json');
    expect(JSON.parse(onMain.stdout)).toMatchObject({ searched: ['main'] });
    const elsewhere = await cli('pacs', 'unidentified', '--site', 'east', '--json');
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toMatch(/site/i);
  });
});

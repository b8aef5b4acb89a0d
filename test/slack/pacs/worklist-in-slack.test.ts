import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckId } from '../../../src/pacs/checks/check-types.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { freePort } from '../../helpers/orthanc-server.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { type SilentScp, startSilentScp } from '../../pacs/worklist/silent-scp.js';
import { wlItems } from '../../pacs/worklist/worklist-fixtures.js';
import { startWlmscpfs, type WorklistScp } from '../../pacs/worklist/worklist-servers.js';
import { slash as slashAs } from '../roles/signed-requests.js';
import { ids } from '../tickets/ticket-helpers.js';

/**
 * `/pacs worklist` through the real Slack app and the local workspace: site `main` asks a real wlmscpfs,
 * `silent` a socket that never answers, `closed` a port nothing listens on. The bot's clock is local
 * 2026-12-01 10:00, the fixtures' day.
 */
const cfg = tempDir('pacs-wl-cfg-');
let wlm: WorklistScp;
let silent: SilentScp;
let h: DeskHarness;

beforeAll(async () => {
  [wlm, silent] = await Promise.all([startWlmscpfs(wlItems), startSilentScp()]);
  const site = (id: string, port: number, aet: string) => ({
    id,
    kind: 'dicomweb',
    dicomwebUrl: 'http://127.0.0.1:9/dicom-web',
    worklist: { aet, host: '127.0.0.1', port },
  });
  const file = join(cfg.path, 'pacs.json');
  const sites = [
    site('main', wlm.port, wlm.aet),
    site('silent', silent.port, 'WLM'),
    site('closed', await freePort(), 'WLM'),
  ];
  writeFileSync(file, JSON.stringify({ sites }));
  const now = new Date(2026, 11, 1, 10, 0).getTime();
  h = await startDesk({ PACS_CONFIG: file, PACS_WORKLIST_TIMEOUT_MS: '1000' }, {}, { now: () => now });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await Promise.all([wlm?.stop(), silent?.stop()]);
  cfg.remove();
});

/** `/pacs <text>` as a persona in #radiology-help; the first reply only they see. */
const slash = (user: 'clinician' | 'associate' | 'admin', text: string) => slashAs(h, user, ids[user], ids.help, text);

async function auditEvents(): Promise<
  {
    eventId: string;
    command: string | null;
    outcome: number;
    actorUserId: string;
    patientId: string | null;
    studyUids: string[] | null;
  }[]
> {
  const { stdout } = await runCliCaptured(['audit', 'export', '--since', '2000-01-01', '--json'], {
    dataDir: h.dataDir,
  });
  return JSON.parse(stdout);
}

const phi = ['TEST^ALICE', 'ALICE', 'SYN-PAT-101', 'WL0001', '19800102', '1980-01-02', '2.25.4242000'];

describe('/pacs worklist from Slack against a real wlmscpfs', () => {
  it('an associate sees the item masked, with hints, only to them; Query then Instances Accessed', async () => {
    const reply = await slash('associate', '/pacs worklist WL0001 at:MR1');
    const shown = blockText(reply.blocks);
    expect(reply.text).toBe('Worklist lookup result');
    expect(shown).toContain('On the worklist');
    for (const fact of [
      'CT',
      '`CT3`',
      'CT SCANNER 3',
      '2026-12-01 09:15',
      'SCHEDULED',
      'CT HEAD W/O CONTRAST',
      'T.A.',
      'ACC •••001',
    ]) {
      expect(shown).toContain(fact);
    }
    expect(shown).toMatch(/scheduled on station CT3 \(CT SCANNER 3\), not MR1/);
    for (const p of phi) expect(shown).not.toContain(p);
    const mine = (await auditEvents()).filter((e) => e.actorUserId === ids.associate && e.command === CheckId.Worklist);
    expect(mine.map((e) => e.eventId)).toEqual(['110112', '110103']);
    expect(mine[1]).toMatchObject({ patientId: 'SYN-PAT-101', studyUids: ['2.25.4242000'] });
  });

  it('an admin sees the same masked view; a clinician is refused with a Security Alert and no query', async () => {
    const admin = blockText((await slash('admin', '/pacs worklist WL0003')).blocks);
    expect(admin).toContain('T.A.');
    expect(admin).toMatch(/booked for tomorrow \(2026-12-02 at 08:00\)/);
    for (const p of ['TEST^ALICE', 'SYN-PAT-101', 'WL0003']) expect(admin).not.toContain(p);
    const clinician = await slash('clinician', '/pacs worklist WL0001');
    expect(clinician.text).toContain('for PACS associates and admins only');
    expect((await auditEvents()).filter((e) => e.actorUserId === ids.clinician).map((e) => e.eventId)).toEqual([
      '110113',
    ]);
  });

  it('says when nothing is on the worklist, and why that matters', async () => {
    const shown = blockText((await slash('associate', '/pacs worklist WL9999')).blocks);
    expect(shown).toContain('Not on the worklist');
    expect(shown).toContain('the order did not reach the worklist');
  });

  it('counts a station’s day, no patient data', async () => {
    const reply = await slash('associate', '/pacs worklist station CT3');
    expect(reply.text).toBe('Worklist station summary');
    expect(blockText(reply.blocks)).toContain('2 items on 2026-12-01, the latest at 14:30');
    for (const p of [...phi, 'BOB', 'SYN-PAT-102']) expect(blockText(reply.blocks)).not.toContain(p);
    const empty = await slash('associate', '/pacs worklist station MR1 2026-12-03');
    expect(blockText(empty.blocks)).toContain('the whole worklist is empty for 2026-12-03');
  });

  it('refuses wildcards before any DICOM call, without echoing them', async () => {
    for (const bad of ['WL*', 'mrn:SYN*', 'station CT*', 'WL0001 at:C?3']) {
      const reply = await slash('associate', `/pacs worklist ${bad} silent`);
      expect(reply.text).not.toContain(bad);
      expect(reply.text.length).toBeGreaterThan(10);
    }
    expect(silent.connections()).toBe(0);
  });

  it('says why an unreachable provider gave no answer, without a host, a port or a stack', async () => {
    const timeout = await slash('associate', '/pacs worklist WL0001 silent');
    expect(timeout.text).toMatch(/worklist of site silent did not answer: it did not answer in time \(timeout\)/);
    expect(silent.connections()).toBe(1);
    await silent.closedByClient(1);
    const refused = await slash('associate', '/pacs worklist WL0001 closed');
    expect(refused.text).toMatch(/connection was refused/);
    for (const reply of [timeout, refused]) {
      expect(reply.text).not.toMatch(/127\.0\.0\.1|\n\s+at |Error/);
      expect(reply.text).not.toContain(String(silent.port));
    }
  });
});

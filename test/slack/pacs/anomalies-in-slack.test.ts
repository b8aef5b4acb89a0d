import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckId } from '../../../src/pacs/checks/check-types.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { orthancSite, writeSitesConfig } from '../../helpers/pacs-site-config.js';
import { exportedAudit } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { anomalyNow, anomalyStudies, seedAnomalies } from '../../pacs/checks/anomalies-seed.js';
import { slash as slashAs } from '../roles/signed-requests.js';
import { ids } from '../tickets/ticket-helpers.js';

/** `/pacs anomalies` through the real Slack app and local workspace, over two real Orthanc sites (main, east). */
const cfg = tempDir('pacs-anomalies-cfg-');
let main: TestOrthanc;
let east: TestOrthanc;
let h: DeskHarness;

beforeAll(async () => {
  [main, east] = await Promise.all([startOrthanc({ seed: false }), startOrthanc({ seed: false })]);
  await seedAnomalies(main, east);
  const file = writeSitesConfig(cfg.path, [orthancSite('main', main), orthancSite('east', east)]);
  const now = anomalyNow.getTime();
  h = await startDesk({ PACS_CONFIG: file }, {}, { now: () => now });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await Promise.all([main?.stop(), east?.stop()]);
  cfg.remove();
});

/** `/pacs <text>` as a persona in #radiology-help; the first reply only they see. */
const slash = (user: 'clinician' | 'associate' | 'admin', text: string) => slashAs(h, user, ids[user], ids.help, text);

const auditEvents = () => exportedAudit(h.dataDir);

const phi = [
  'TEST^ANOM',
  'SYN-PAT-201',
  'SYN-PAT-202',
  'SYN-PAT-203',
  'SYNDUP01',
  'SYNCOPY1',
  anomalyStudies.c.studyUid,
];

describe('/pacs anomalies from Slack against two real Orthanc sites', () => {
  it('an associate sees counts by kind first, then the items masked; audited per patient', async () => {
    const reply = await slash('associate', '/pacs anomalies 3');
    expect(reply.text).toBe('Data-integrity anomalies');
    const shown = blockText(reply.blocks);
    expect(shown).toContain('*3 anomalies* in 5 studies of the last 3 days');
    expect(shown).toContain('accession multiple patients: *1* · study uid multiple patients: *0* · partial copy: *1*');
    expect(shown.indexOf('partial copy: *1*')).toBeLessThan(shown.search(/\d+\. \*accession multiple patients\*/));
    for (const fact of ['ACC •••UP01', '•••-201', '•••-202', 'instances main 2, east 1', 'placeholder patient id']) {
      expect(shown).toContain(fact);
    }
    for (const p of phi) expect(shown).not.toContain(p);
    const mine = (await auditEvents()).filter(
      (e) => e.actorUserId === ids.associate && e.command === CheckId.Anomalies,
    );
    expect(mine.map((e) => e.eventId)).toEqual(['110112', '110103', '110103', '110103', '110103']);
  });

  it('an admin sees the same masked view; a clinician is refused with a Security Alert and no query', async () => {
    const admin = blockText((await slash('admin', '/pacs anomalies 3 main')).blocks);
    expect(admin).toContain('•••-201');
    for (const p of phi) expect(admin).not.toContain(p);
    const clinician = await slash('clinician', '/pacs anomalies');
    expect(clinician.text).toContain('for PACS associates and admins only');
    expect((await auditEvents()).filter((e) => e.actorUserId === ids.clinician).map((e) => e.eventId)).toEqual([
      '110113',
    ]);
  });

  it('🎫 under an item opens the ticket form with a summary that names no patient, accession or UID', async () => {
    const reply = await slash('associate', '/pacs anomalies 3');
    const buttons = JSON.stringify(reply.blocks).match(/anomaly_open_ticket:\d+/g) ?? [];
    expect(buttons.length).toBe(3);
    const click = await h.api<{ status: number }>('/api/test/click', {
      user: 'associate',
      channel: 'radiology-help',
      ts: reply.ts,
      action_id: 'anomaly_open_ticket:1',
    });
    expect(click.status).toBe(200);
    const view = await h.ws.waitForView({ user: ids.associate, callback_id: 'ticket_new' });
    const form = JSON.stringify(view.blocks);
    expect(form).toMatch(/"initial_value":"Data integrity: [^"]+\(sites? [a-z, ]+\)"/);
    for (const p of phi) expect(form).not.toContain(p);
    await h.api('/api/test/close', { user: 'associate', view_id: view.id });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckId } from '../../../src/pacs/checks/check-types.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { storescpAlias, writeOrthancSiteConfig } from '../../helpers/pacs-site-config.js';
import { exportedAudit } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { ids, type MessageOut, messages, submitTicket } from '../tickets/ticket-helpers.js';

const cfg = tempDir('pacs-cfg-');
let orthanc: TestOrthanc;
let h: DeskHarness;

beforeAll(async () => {
  orthanc = await startOrthanc({ jobs: true });
  const file = writeOrthancSiteConfig(cfg.path, orthanc, {
    aliases: [storescpAlias, { alias: 'offline', via: 'pacs', pacsName: 'offline' }],
  });
  h = await startDesk({
    PACS_CONFIG: file,
    PACS_ALLOW_WRITES: 'true',
    OPS_CHANNEL: 'C0PTRIAGE',
    MONITOR_INTERVAL_SECONDS: '3600',
  });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await orthanc?.stop();
  cfg.remove();
});

/** Runs a slash command as `user` in #radiology-help and returns the reply only they can see. */
async function slash(user: 'clinician' | 'associate' | 'admin', text: string): Promise<MessageOut> {
  const userId = ids[user];
  const before = (await messages(h, ids.help)).at(-1)?.ts;
  await h.api('/api/test/post', { user, channel: 'radiology-help', text });
  return waitUntil(async () => {
    const reply = (await messages(h, ids.help)).find((m) => m.ephemeral_for === userId && (!before || m.ts > before));
    if (!reply) throw new Error(`no reply to ${text}`);
    return reply;
  });
}

const auditEvents = () => exportedAudit(h.dataDir);

describe('PACS checks from Slack against a real Orthanc', () => {
  it('P3 P4 U1: an associate finds a study: masked, only to them, audited before it is shown', async () => {
    const reply = await slash('associate', '/pacs study SYN0001');
    const shown = `${reply.text} ${blockText(reply.blocks)}`;
    expect(reply.text).toBe('Study lookup result');
    expect(shown).toContain('CT HEAD W/O CONTRAST');
    expect(shown).toContain('ACC •••0001');
    expect(shown).toContain('T.A.');
    for (const phi of ['TEST^ALICE', 'ALICE', 'SYN-PAT-001', 'SYN0001']) expect(shown).not.toContain(phi);
    const events = await auditEvents();
    const mine = events.filter((e) => e.actorUserId === ids.associate && e.command === CheckId.Study);
    expect(mine.map((e) => e.eventId)).toEqual(expect.arrayContaining(['110112', '110103']));
  });

  it('U2: a clinician is refused, with a Security Alert and no query', async () => {
    const reply = await slash('clinician', '/pacs study SYN0002');
    expect(reply.text).toContain('for PACS associates and admins only');
    const events = (await auditEvents()).filter((e) => e.actorUserId === ids.clinician);
    expect(events.map((e) => e.eventId)).toEqual(['110113']);
  });

  it('B2 B3 B5: rejects wildcard, injected and zero-width accessions before any PACS call, without echoing them', async () => {
    for (const bad of ['A12*', 'SYN0001&PatientID=*', 'SYN\u200b0001']) {
      const reply = await slash('associate', `/pacs study ${bad}`);
      expect(reply.text).not.toContain(bad);
      expect(reply.text.length).toBeGreaterThan(10);
    }
    const alerts = (await auditEvents()).filter((e) => e.eventId === '110113' && e.actorUserId === ids.associate);
    expect(alerts.length).toBeGreaterThanOrEqual(3);
  });

  it('says "not found" for an unknown accession', async () => {
    const reply = await slash('associate', '/pacs study NOPE9999');
    expect(blockText(reply.blocks)).toContain('Not found in main');
  });

  it('summarises the queue with a human cause for the failed transfer', async () => {
    const reply = await slash('associate', '/pacs queue');
    const text = blockText(reply.blocks);
    expect(text).toMatch(/\d+ failed/);
    expect(text).toContain('refused');
    expect(text).not.toContain('127.0.0.1');
  });

  it('B9: echoes configured aliases only', async () => {
    expect((await slash('associate', '/pacs echo storescp')).blocks).toBeDefined();
    expect(blockText((await slash('associate', '/pacs echo storescp')).blocks)).toContain('✅');
    expect(blockText((await slash('associate', '/pacs echo offline')).blocks)).toMatch(/❌.*refused/);
    const hostile = await slash('associate', '/pacs echo 10.0.0.1:22');
    expect(hostile.text).toMatch(/offline|storescp/);
  });

  it('reports every site in /pacs status', async () => {
    expect(blockText((await slash('associate', '/pacs status')).blocks)).toMatch(/✅ \*main\*/);
  });

  it('A4 U4: resubmits a failed job only after the admin who asked confirms, once', async () => {
    const jobId = orthanc.seed.jobs.failed;
    expect((await slash('associate', `/pacs retry ${jobId}`)).text).toContain('admins only');
    const ask = await slash('admin', `/pacs retry ${jobId}`);
    expect(blockText(ask.blocks)).toContain('Resubmit failed job');
    await h.api('/api/test/click', { user: 'associate', channel: ids.help, ts: ask.ts, action_id: 'pacs_confirm' });
    await h.api('/api/test/click', { user: 'admin', channel: ids.help, ts: ask.ts, action_id: 'pacs_confirm' });
    const done = await waitUntil(async () => {
      const m = (await messages(h, ids.help)).find((x) => x.ts === ask.ts);
      if (!m?.text.includes('Done')) throw new Error('not replaced yet');
      return m;
    });
    expect(done.text).toContain('Done');
    const job = (await orthanc.api(`/jobs/${jobId}`)) as { State: string };
    expect(['Pending', 'Running', 'Failure']).toContain(job.State);
    const actions = (await auditEvents()).filter((e) => e.eventId === '110100');
    expect(actions.length).toBeGreaterThanOrEqual(1);
  });

  it('the monitor reports a modality that does not answer in OPS_CHANNEL, once, without hosts or patient data', async () => {
    const alert = await waitUntil(async () => {
      const found = (await messages(h, ids.triage)).find((m) => m.text.startsWith('🚨'));
      if (!found) throw new Error('no alert yet');
      return found;
    });
    expect(alert.text).toContain('`offline`');
    expect(alert.text).toContain('refused');
    expect(alert.text).not.toMatch(/127\.0\.0\.1|SYN/);
    expect((await messages(h, ids.triage)).filter((m) => m.text.startsWith('🚨'))).toHaveLength(1);
  });

  it('P1: never puts a result in the channel timeline', async () => {
    const timeline = (await messages(h, ids.help)).filter((m) => m.bot_id && !m.ephemeral_for);
    expect(timeline).toEqual([]);
  });

  it('attaches study and queue checks to a study ticket, with no identifiers in the card thread', async () => {
    await h.api('/api/test/shortcut', { user: 'clinician', callback_id: 'pacs_new_ticket' });
    const view = await h.ws.waitForView({ user: ids.clinician, callback_id: 'ticket_new' });
    await submitTicket(h, 'clinician', view.id, {
      summary: 'Head CT not showing',
      category: 'missing_study',
      urgency: 'urgent',
      accession: 'SYN0001',
    });
    const note = await waitUntil(async () => {
      const card = (await messages(h, ids.triage)).find((m) => m.bot_id && m.text.startsWith('PACS-'));
      if (!card) throw new Error('no card');
      const thread = await messages(h, ids.triage, card.ts);
      const found = thread.find((m) => m.text.includes('Automatic checks'));
      if (!found) throw new Error('no checks yet');
      return found;
    });
    expect(note.text).toMatch(/found at \*main\*/);
    for (const phi of ['SYN0001', 'ALICE', 'SYN-PAT-001']) expect(note.text).not.toContain(phi);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import type { TestOrthanc } from '../../helpers/orthanc-server.js';
import { orthancSite, writeSitesConfig } from '../../helpers/pacs-site-config.js';
import { exportedAudit } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import {
  archivedCt,
  archivedMr,
  currentCt,
  priorPatient,
  sharedXr,
  startPriorSites,
} from '../../pacs/priors/priors-seed.js';
import { slash as slashAs } from '../roles/signed-requests.js';
import { ids, messages } from '../tickets/ticket-helpers.js';

/** `/pacs priors` and *Fetch* through the real Slack app and local workspace, over two real Orthanc (main, archive). */
const cfg = tempDir('pacs-priors-cfg-');
let main: TestOrthanc;
let archive: TestOrthanc;
let h: DeskHarness;

beforeAll(async () => {
  ({ main, archive } = await startPriorSites());
  const file = writeSitesConfig(cfg.path, [
    orthancSite('main', main, { aet: 'MAINPACS' }),
    orthancSite('archive', archive),
  ]);
  h = await startDesk({ PACS_CONFIG: file, PACS_ALLOW_WRITES: 'true', PACS_FETCH_TIMEOUT_MS: '30000' });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await Promise.all([main?.stop(), archive?.stop()]);
  cfg.remove();
});

const slash = (user: 'clinician' | 'associate' | 'admin', text: string) => slashAs(h, user, ids[user], ids.help, text);
const phi = [
  priorPatient.id,
  priorPatient.name,
  'PATRICIA',
  'SYNPRI',
  ...[archivedCt, archivedMr, sharedXr, currentCt].map((s) => s.studyUid),
];

const auditEvents = () => exportedAudit(h.dataDir);

describe('/pacs priors from Slack against an archive and a main Orthanc', () => {
  it('an associate sees every copy newest first, masked, and no Fetch button', async () => {
    const reply = await slash('associate', `/pacs priors mrn:${priorPatient.id}`);
    expect(reply.text).toBe('Prior studies');
    const shown = blockText(reply.blocks);
    expect(shown).toContain('*5 studies* of P.P. · •••-001, newest first');
    expect(shown).toMatch(/1\. 2024-11-20 · CT · CT CHEST FOLLOW-UP · 1 series, 1 images · at \*main\*/);
    expect(shown).toMatch(
      /4\. 2019-03-04 · CT, SR · CT CHEST · 3 series, 3 images · at \*archive\* · can be fetched to main/,
    );
    expect(JSON.stringify(reply.blocks)).not.toContain('pacs_fetch_prior');
    for (const p of phi) expect(JSON.stringify(reply)).not.toContain(p);
  });

  it('an admin fetches a prior: Fetch n, then Confirm, then it reports the study arrived on main', async () => {
    const list = await slash('admin', `/pacs priors mrn:${priorPatient.id}`);
    const raw = JSON.stringify(list.blocks);
    expect(raw.match(/pacs_fetch_prior:\d+/g)).toEqual(['pacs_fetch_prior:4', 'pacs_fetch_prior:5']);
    for (const p of phi) expect(raw).not.toContain(p);
    await h.api('/api/test/click', { user: 'admin', channel: ids.help, ts: list.ts, action_id: 'pacs_fetch_prior:4' });
    const ask = await waitUntil(async () => {
      const m = (await messages(h, ids.help)).find((x) => x.ephemeral_for === ids.admin && x.text === 'Please confirm');
      if (!m) throw new Error('no confirmation yet');
      return m;
    });
    expect(blockText(ask.blocks)).toContain(
      'Fetch the CT/SR study of 2019-03-04 (3 series, 3 instances) from archive to main',
    );
    await h.api('/api/test/click', { user: 'admin', channel: ids.help, ts: ask.ts, action_id: 'pacs_confirm' });
    const done = await waitUntil(
      async () => {
        const m = (await messages(h, ids.help)).find((x) => x.ts === ask.ts);
        if (!m || !blockText(m.blocks ?? []).includes('Arrived')) throw new Error('not arrived yet');
        return m;
      },
      { timeout: 30_000 },
    );
    expect(blockText(done.blocks)).toContain('✅ Arrived on *main*: 3 of 3 images');
    const onMain = (await main.api('/tools/find', {
      body: { Level: 'Study', Query: { StudyInstanceUID: archivedCt.studyUid } },
    })) as string[];
    expect(onMain).toHaveLength(1);
    expect((await auditEvents()).filter((e) => e.eventTypeCode === '99PACSDESK:PD003')).toHaveLength(1);
    const after = blockText((await slash('admin', `/pacs priors mrn:${priorPatient.id}`)).blocks);
    expect(after).toContain('*6 studies*');
  });

  it('never puts a result in the channel timeline', async () => {
    expect((await messages(h, ids.help)).filter((m) => m.bot_id && !m.ephemeral_for)).toEqual([]);
  });
});

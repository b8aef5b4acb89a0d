import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { storescpAlias, writeOrthancSiteConfig } from '../../helpers/pacs-site-config.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { ids, type MessageOut } from '../tickets/ticket-helpers.js';
import { forgedCommand, replyTo, slash } from './signed-requests.js';

const cfg = tempDir('phi-access-cfg-');
let orthanc: TestOrthanc;
let h: DeskHarness;
/** The bot's clock: each test starts past the role/identity cache TTL, so no answer carries over. */
let clock = Date.now();

const phi = ['SYN0001', 'TEST^ALICE', 'ALICE', 'SYN-PAT-001'];
const dm = 'D0ASSOC01';

beforeAll(async () => {
  orthanc = await startOrthanc();
  const file = writeOrthancSiteConfig(cfg.path, orthanc, { aliases: [storescpAlias] });
  h = await startDesk({ PACS_CONFIG: file, ROLE_CACHE_SECONDS: '30' }, {}, { now: () => clock });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await orthanc?.stop();
  cfg.remove();
});
beforeEach(async () => {
  await h.api('/api/test/directory', { reset: true });
  clock += 31_000;
});

interface AuditRow {
  eventId: string;
  command: string | null;
  outcome: number;
  actorUserId: string;
  description: string;
}
async function audit(): Promise<AuditRow[]> {
  const { code, stdout } = await runCliCaptured(['audit', 'export', '--since', '2000-01-01', '--json'], {
    dataDir: h.dataDir,
  });
  expect(code).toBe(0);
  return JSON.parse(stdout);
}
const queries = async () => (await audit()).filter((e) => e.eventId === '110112').length;
const shown = (m: MessageOut) => `${m.text} ${blockText(m.blocks)}`;

/** The associate's study lookup is refused for `reason`: no PHI, no PACS query, a Security Alert. */
async function expectStudyRefused(channel: string, message: RegExp, reason: string) {
  const before = await queries();
  const reply = await slash(h, 'associate', ids.associate, channel, '/pacs study SYN0001');
  expect(reply.text).toMatch(message);
  expect(reply.blocks ?? []).toEqual([]);
  for (const value of phi) expect(shown(reply)).not.toContain(value);
  expect(await queries()).toBe(before);
  const alerts = (await audit()).filter((e) => e.eventId === '110113' && e.actorUserId === ids.associate);
  expect(alerts.at(-1)?.description).toBe(`patient details refused: ${reason}`);
}

/** Non-PHI help still works for the same person. */
async function expectNonPhiHelpWorks(channel: string) {
  expect(blockText((await slash(h, 'associate', ids.associate, channel, '/pacs help')).blocks)).toContain('study');
  expect(blockText((await slash(h, 'associate', ids.associate, channel, '/pacs echo storescp')).blocks)).toContain(
    '✅',
  );
  const answer = await slash(h, 'associate', ids.associate, channel, '/pacs ask viewer shows no images');
  expect(answer.blocks?.length ?? 0).toBeGreaterThan(0);
  expect(answer.text).not.toMatch(/patient details|guests|members of this workspace/);
}

describe('A6: who may see patient details at all (users.info, fail closed)', () => {
  it('A6 baseline: a full member who is an associate sees the masked study', async () => {
    const reply = await slash(h, 'associate', ids.associate, ids.help, '/pacs study SYN0001');
    expect(reply.text).toBe('Study lookup result');
    expect(shown(reply)).toContain('ACC •••0001');
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ['a guest (is_restricted)', { is_restricted: true }, 'guest'],
    ['a single-channel guest (is_ultra_restricted)', { is_ultra_restricted: true }, 'guest'],
    ['an external Slack Connect user (another team)', { team_id: 'T0VENDOR1', is_stranger: true }, 'external'],
    ['a deactivated user', { deleted: true }, 'deleted'],
    ['a bot user', { is_bot: true }, 'bot'],
  ];
  for (const [who, patch, reason] of cases) {
    it(`A6: ${who} in the associate group is refused a study lookup; help, echo and KB answers still work`, async () => {
      await h.api('/api/test/directory', { user: 'associate', set: patch });
      await expectStudyRefused(ids.help, /only|never/, reason);
      await expectNonPhiHelpWorks(ids.help);
    });
  }

  it('A6: users.info failing refuses the lookup (fail closed, logged); non-PHI help still works', async () => {
    await h.api('/api/test/directory', { fail: 'users.info' });
    await expectStudyRefused(ids.help, /couldn't confirm your account/, 'user_unverified');
    expect(h.logs()).toContain('could not verify user; patient details refused');
    await expectNonPhiHelpWorks(ids.help);
  });

  it('A6: an identity answer is trusted only for the cache TTL: a user who became a guest is refused after it', async () => {
    expect((await slash(h, 'associate', ids.associate, ids.help, '/pacs study SYN0001')).text).toBe(
      'Study lookup result',
    );
    await h.api('/api/test/directory', { user: 'associate', set: { is_restricted: true } });
    clock += 31_000;
    await expectStudyRefused(ids.help, /not to guests/, 'guest');
  });

  it('A6: /pacs unidentified (names and ids of unmatched studies) is refused to a guest too', async () => {
    await h.api('/api/test/directory', { user: 'associate', set: { is_restricted: true } });
    const reply = await slash(h, 'associate', ids.associate, ids.help, '/pacs unidentified 7');
    expect(reply.text).toMatch(/not to guests/);
    expect(reply.blocks ?? []).toEqual([]);
  });
});

describe('P2: no patient details in channels shared with another organisation', () => {
  const shared = { is_shared: true, is_ext_shared: true, shared_team_ids: ['T0PACSDESK', 'T0VENDOR1'] };

  it('P2: /pacs study in an externally shared channel shows nothing, not even ephemerally, and points to the DM', async () => {
    await h.api('/api/test/directory', { channel: 'radiology-help', set: shared });
    await expectStudyRefused(ids.help, /direct message/, 'shared_channel');
    const inDm = await slash(h, 'associate', ids.associate, dm, '/pacs study SYN0001');
    expect(inDm.text).toBe('Study lookup result');
    expect(shown(inDm)).toContain('ACC •••0001');
  });

  it('P2: a foreign team in shared_team_ids alone is enough to refuse', async () => {
    await h.api('/api/test/directory', { channel: 'radiology-help', set: { shared_team_ids: ['T0VENDOR1'] } });
    await expectStudyRefused(ids.help, /direct message/, 'shared_channel');
  });

  it('P2: conversations.info failing refuses the lookup in that channel (fail closed)', async () => {
    await h.api('/api/test/directory', { fail: 'conversations.info' });
    await expectStudyRefused(ids.help, /direct message/, 'channel_unverified');
    expect(h.logs()).toContain('could not check channel; patient details refused');
  });
});

describe('A2: authorization reads only the signed user_id and team', () => {
  it('A2: a clinician with a forged user_name=avery.admin and "as <@admin>" in the text is refused', async () => {
    const before = (await audit()).length;
    const { status } = await forgedCommand(h, 'clinician', ids.help, `study SYN0001 as <@${ids.admin}>`, {
      user_name: 'avery.admin',
    });
    expect(status).toBe(200);
    const reply = await replyTo(h, ids.help, ids.clinician, /for PACS associates and admins only/);
    for (const value of phi) expect(shown(reply)).not.toContain(value);
    const added = (await audit()).slice(before).filter((e) => e.eventId !== '110101'); // 110101: our own export
    expect(added.map((e) => [e.eventId, e.actorUserId])).toEqual([['110113', ids.clinician]]);
  });

  it('A2: "as <@admin>" does not make a clinician an admin for reindex either', async () => {
    await forgedCommand(h, 'clinician', ids.help, `reindex as <@${ids.admin}>`, { user_name: 'avery.admin' });
    await replyTo(h, ids.help, ids.clinician, /for PACS admins only/);
    expect(h.logs()).not.toContain('kb reindexed on command');
  });

  it('A2: an associate whose signed request carries another team_id gets no patient details', async () => {
    const { status } = await forgedCommand(h, 'associate', ids.help, 'study SYN0001', { team_id: 'T0VENDOR1' });
    // A front that refuses foreign teams outright (a workspace or app outside the allow-list) answers 403 and
    // processes nothing; either way, no PHI.
    if (status === 403) return;
    const reply = await replyTo(h, ids.help, ids.associate, /members of this workspace/);
    for (const value of phi) expect(shown(reply)).not.toContain(value);
  });
});

describe('A6: users.info that never answers', () => {
  let slow: DeskHarness;
  beforeAll(async () => {
    slow = await startDesk({ PACS_CONFIG: join(cfg.path, 'pacs.json'), HTTP_TIMEOUT_MS: '500' });
  });
  afterAll(() => slow?.stop());

  it('A6: a users.info call that times out refuses the lookup (fail closed); help still works', async () => {
    await slow.api('/api/test/directory', { fail: 'users.info', error: 'hang' });
    const reply = await slash(slow, 'associate', ids.associate, ids.help, '/pacs study SYN0001');
    expect(reply.text).toMatch(/couldn't confirm your account/);
    expect(reply.blocks ?? []).toEqual([]);
    expect(slow.logs()).toContain('could not verify user; patient details refused');
    expect(blockText((await slash(slow, 'associate', ids.associate, ids.help, '/pacs help')).blocks)).toContain(
      'study',
    );
  });
});

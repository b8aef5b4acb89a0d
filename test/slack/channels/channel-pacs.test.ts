import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { writeSitesConfig } from '../../helpers/pacs-site-config.js';
import { exportedAudit } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { slash } from '../roles/signed-requests.js';
import { ids, messages } from '../tickets/ticket-helpers.js';

/** A stand-in archive that answers every request with `[]` and counts them: which site a check asked. */
async function countingArchive(): Promise<{ server: Server; url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const site = (id: string, url: string) => ({
  id,
  name: id,
  kind: 'orthanc',
  restUrl: url,
  dicomwebUrl: `${url}/dicom-web`,
  auth: { user: 'u', password: 'p' },
  aliases: [],
});

// radiology-help: shared with another organisation, its checks default to site `east`.
// pacs-triage: no PACS checks, no answers.
const channels = {
  channels: [
    { id: ids.help, name: 'radiology-help', shared: true, site: 'east' },
    { id: ids.triage, name: 'pacs-triage', pacsChecks: 'none', answer: 'off', queue: 'ed' },
  ],
  queues: [{ id: 'ed', name: 'Emergency', triageChannel: ids.triage }],
};

const dir = tempDir('channels-pacs-');
let main: Awaited<ReturnType<typeof countingArchive>>;
let east: Awaited<ReturnType<typeof countingArchive>>;
let h: DeskHarness;

beforeAll(async () => {
  [main, east] = await Promise.all([countingArchive(), countingArchive()]);
  const file = join(dir.path, 'channels.json');
  writeFileSync(file, JSON.stringify(channels));
  const pacs = writeSitesConfig(dir.path, [site('main', main.url), site('east', east.url)]);
  h = await startDesk({ CHANNELS_CONFIG: file, PACS_CONFIG: pacs });
});
afterAll(async () => {
  await h?.stop();
  for (const a of [main, east]) a?.server.close();
  dir.remove();
});

const calls = () => main.paths.length + east.paths.length;

describe('PACS checks and settings per channel (CHANNELS_CONFIG, local workspace)', () => {
  it('refuses every check where pacsChecks is none, with a Security Alert and no PACS call', async () => {
    const before = calls();
    const reply = await slash(h, 'admin', ids.admin, ids.triage, '/pacs queue');
    expect(reply.text).toBe('PACS checks are turned off in this channel.');
    expect(calls()).toBe(before);
    const alert = (await exportedAudit(h.dataDir)).find((r) => r.description === 'pacs checks off in this channel');
    expect(alert?.actorUserId).toBe(ids.admin);
    expect(alert?.eventMeaning).toMatch(/Security Alert/i);
  });

  it('refuses patient-detail checks in a shared channel, even to an admin, without asking the PACS', async () => {
    const before = calls();
    const reply = await slash(h, 'admin', ids.admin, ids.help, '/pacs study SYN0001');
    expect(reply.text).toContain('never shown in a channel shared with another organisation');
    expect(calls()).toBe(before);
  });

  it("runs a check without a site on the channel's site, and a named site still wins", async () => {
    const [mainBefore, eastBefore] = [main.paths.length, east.paths.length];
    await slash(h, 'associate', ids.associate, ids.help, '/pacs queue');
    expect(east.paths.length).toBeGreaterThan(eastBefore);
    expect(main.paths.length).toBe(mainBefore);
    const eastAfter = east.paths.length;
    await slash(h, 'associate', ids.associate, ids.help, '/pacs queue main');
    expect(main.paths.length).toBeGreaterThan(mainBefore);
    expect(east.paths.length).toBe(eastAfter);
  });

  it('/pacs channel shows an admin the effective settings, privately, and refuses an associate', async () => {
    const shown = await slash(h, 'admin', ids.admin, ids.triage, '/pacs channel');
    expect(shown.ephemeral_for).toBe(ids.admin);
    expect(shown.text).toContain('listed in CHANNELS_CONFIG as “pacs-triage”');
    expect(shown.text).toContain('Answers: off');
    expect(shown.text).toContain(`Emergency (\`ed\`), triage in <#${ids.triage}>`);
    expect(shown.text).toContain('PACS checks: turned off');
    expect(shown.text).toContain('PACS site when none is named: main (the first configured site)');
    const shared = await slash(h, 'admin', ids.admin, ids.help, '/pacs channel');
    expect(shared.text).toContain('PACS site when none is named: east');
    expect(shared.text).toContain('Shared with other organisations: yes');
    const refused = await slash(h, 'associate', ids.associate, ids.help, '/pacs channel');
    expect(refused.text).toBe('`channel` is for PACS admins only.');
  });

  it('answers a mention in an `off` channel with a hint only the asker sees, and nothing else', async () => {
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: ids.triage,
      text: `<@${h.ws.botUserId}> how do I burn a cd for a patient to take away`,
    });
    const hint = await h.ws.waitForMessage({ channel: ids.triage, ephemeralFor: ids.clinician, after: ts });
    expect(hint.text).toContain("I don't answer questions in this channel");
    await waitUntil(() => expect(h.logs()).toContain('mention not answered: answers are off in this channel'));
    expect((await messages(h, ids.triage, ts)).filter((m) => m.bot_id && !m.ephemeral_for)).toEqual([]);
    expect(h.logs()).not.toMatch(/"channel":"C0PTRIAGE"[^\n]*"msg":"answered"/);
  });
});

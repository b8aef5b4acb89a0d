import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { writeOrthancSiteConfig } from '../../helpers/pacs-site-config.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { ids } from '../tickets/ticket-helpers.js';
import { type Persona, slash } from './signed-requests.js';

const roles: Persona[] = ['clinician', 'associate', 'admin'];

/** The documented matrix: README's "Who may run what" table, row by row. */
function documentedMatrix(): { command: string; allowed: Record<Persona, boolean> }[] {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const table = /<!-- roles-matrix[^>]*-->\n([\s\S]*?)<!-- \/roles-matrix -->/.exec(readme)?.[1] ?? '';
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| `') && !line.includes('/pacs'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  return rows.flatMap(([, commands = '', ...cells]) =>
    [...commands.matchAll(/`([^`]+)`/g)].map((m) => ({
      command: m[1] ?? '',
      allowed: Object.fromEntries(roles.map((r, i) => [r, cells[i] === '✅'])) as Record<Persona, boolean>,
    })),
  );
}

/** What each documented command is run with. */
const example: Record<string, string> = {
  help: 'help',
  ask: 'ask what does the worklist show?',
  ticket: 'ticket viewer slow',
  'tickets mine': 'tickets mine',
  'tickets open': 'tickets open',
  study: 'study SYN0001',
  worklist: 'worklist SYN0001',
  priors: 'priors mrn:SYN-PAT-001',
  queue: 'queue',
  echo: 'echo storescp',
  unidentified: 'unidentified 7',
  anomalies: 'anomalies 7',
  status: 'status',
  interfaces: 'interfaces',
  retry: 'retry 6c97cdb9-0d4e-4c1f-9e55-3a1b2c3d4e5f',
  cancel: 'cancel 6c97cdb9-0d4e-4c1f-9e55-3a1b2c3d4e5f',
  fetch: 'fetch 1.2.826.0.1.3680043.8.498.71001 main',
  reindex: 'reindex',
  channel: 'channel',
};
const refusal = /for PACS (admins|associates and admins) only|Only PACS associates and admins/;

const cfg = tempDir('role-matrix-cfg-');
let orthanc: TestOrthanc;
let h: DeskHarness;

beforeAll(async () => {
  orthanc = await startOrthanc();
  const file = writeOrthancSiteConfig(cfg.path, orthanc, {
    aliases: [{ alias: 'storescp', via: 'pacs', pacsName: 'storescp' }],
  });
  h = await startDesk({ PACS_CONFIG: file });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await orthanc?.stop();
  cfg.remove();
});

/** Whether `user` got past the role check: a modal for `ticket`, otherwise a reply that is not a refusal. */
async function runs(user: Persona, command: string): Promise<boolean> {
  if (command === 'ticket') {
    await h.api('/api/test/post', { user, channel: 'radiology-help', text: `/pacs ${example.ticket}` });
    const view = await h.ws.waitForView({ user: ids[user], callback_id: 'ticket_new' });
    await h.api('/api/test/close', { user, view_id: view.id });
    return true;
  }
  const reply = await slash(h, user, ids[user], ids.help, `/pacs ${example[command]}`);
  return !refusal.test(`${reply.text} ${blockText(reply.blocks)}`);
}

describe('A7: every /pacs command × every role matches the documented matrix', () => {
  const matrix = documentedMatrix();

  it('A7: the README matrix lists every /pacs subcommand the bot offers, and each has an example here', async () => {
    const help = await slash(h, 'admin', ids.admin, ids.help, '/pacs help');
    const offered = new Set([...blockText(help.blocks).matchAll(/`\/pacs ([a-z]+)/g)].map((m) => m[1]));
    const documented = new Set(matrix.map((row) => row.command.split(' ')[0]));
    expect([...documented].sort()).toEqual([...offered].sort());
    for (const row of matrix) expect(example[row.command], row.command).toBeDefined();
  });

  it('A7: each role runs exactly the commands the matrix gives it (none = clinician, associate, admin)', async () => {
    const observed: string[] = [];
    const expected: string[] = [];
    for (const row of matrix) {
      for (const user of roles) {
        expected.push(`${row.command} × ${user}: ${row.allowed[user] ? 'runs' : 'refused'}`);
        observed.push(`${row.command} × ${user}: ${(await runs(user, row.command)) ? 'runs' : 'refused'}`);
      }
    }
    expect(observed).toEqual(expected);
  }, 120_000);
});

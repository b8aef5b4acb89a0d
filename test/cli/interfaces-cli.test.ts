import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { runInterfacesCli } from '../../src/cli/interfaces-cli.js';
import { type CliIo, UsageError } from '../../src/cli/io.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ADT_ID, newestMessage, ORM_ID, statusList } from '../interfaces/mirth-fixtures.js';

const host = 'https://mirth.hospital.test:8443';
const json = { 'content-type': 'application/json' };
const dir = tempDir('interfaces-cli-');
afterAll(() => dir.remove());

function captured(env: NodeJS.ProcessEnv = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    env: {
      DATA_DIR: dir.path,
      INTERFACE_ENGINE: 'mirth',
      MIRTH_URL: host,
      MIRTH_USER: 'pacsdesk',
      MIRTH_PASSWORD: 's3cret',
      ...env,
    },
    cwd: dir.path,
  };
  return { io, out };
}

const login = (scope: nock.Scope, status = 200) =>
  scope
    .post('/api/users/_login')
    .reply(status, status === 200 ? { 'com.mirth.connect.model.LoginStatus': { status: 'SUCCESS' } } : '', {
      ...json,
      'set-cookie': 'JSESSIONID=node0abc.node0; Path=/api; Secure; HttpOnly',
    });

/** The dashboard fixture: ADT started (newest message known), ORM stopped with 9 queued (no message listed). */
function dashboard() {
  const scope = nock(host);
  login(scope)
    .get('/api/channels/statuses')
    .reply(200, statusList, json)
    .get(`/api/channels/${ADT_ID}/messages`)
    .query(true)
    .reply(200, newestMessage(ADT_ID, Date.parse('2026-12-02T08:58:00Z')), json)
    .get(`/api/channels/${ORM_ID}/messages`)
    .query(true)
    .reply(200, { list: '' }, json);
  return scope;
}

describe('pacs-desk pacs interfaces', () => {
  it('--json prints engine, channels (problems first) and the number of channels with problems', async () => {
    const scope = dashboard();
    const { io, out } = captured();
    expect(await runInterfacesCli(io, { json: true })).toBe(0);
    const output = JSON.parse(out.stdout);
    expect(output).toEqual({
      engine: 'mirth',
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      channels: [
        {
          id: ORM_ID,
          name: 'ORM to RIS',
          state: 'stopped',
          received: 40,
          queued: 9,
          errored: 0,
          lastMessageAt: null,
          problems: ['stopped'],
        },
        {
          id: ADT_ID,
          name: 'ADT in from EHR',
          state: 'started',
          received: 120,
          queued: 0,
          errored: 2,
          lastMessageAt: '2026-12-02T08:58:00.000Z',
          problems: [],
        },
      ],
      problems: 1,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('prints one line per channel for a terminal, problems marked and spelled out', async () => {
    dashboard();
    const { io, out } = captured();
    expect(await runInterfacesCli(io, { json: false })).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^mirth: 2 channels, 1 with problems, 9 queued, 2 errored \(checked /);
    expect(lines.slice(1)).toEqual([
      '! ORM to RIS  stopped  received 40  queued 9  errored 0  last message unknown',
      '    stopped',
      '  ADT in from EHR  started  received 120  queued 0  errored 2  last message 2026-12-02T08:58:00.000Z',
    ]);
  });

  it('an engine that refuses the account exits 1 with the cause, and --json says so too', async () => {
    login(nock(host), 401);
    const { io, out } = captured();
    expect(await runInterfacesCli(io, { json: true })).toBe(1);
    expect(out.stderr).toBe('pacs-desk: Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP 401 at /users/_login)\n');
    expect(JSON.parse(out.stdout)).toMatchObject({ engine: 'mirth', error: { code: 'engine_auth_failed' } });
    expect(out.stdout + out.stderr).not.toContain('mirth.hospital.test');
  });

  it('without an engine configured, says which variables to set', async () => {
    const { io } = captured({ INTERFACE_ENGINE: 'none' });
    await expect(runInterfacesCli(io, { json: true })).rejects.toThrow(UsageError);
    await expect(runInterfacesCli(io, { json: true })).rejects.toThrow(/INTERFACE_ENGINE=mirth with MIRTH_URL/);
  });

  it('is reached from the command line as `pacs-desk pacs interfaces --json`, and says how to configure an engine when none is', async () => {
    const scope = dashboard();
    const env = captured().io.env;
    const ran = await runCliCaptured(['pacs', 'interfaces', '--json'], { dataDir: dir.path, env });
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ engine: 'mirth', problems: 1 });
    expect(scope.isDone()).toBe(true);
    const none = await runCliCaptured(['pacs', 'interfaces'], { dataDir: dir.path });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('INTERFACE_ENGINE=mirth');
  });
});

import { createServer } from 'node:net';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createFetch } from '../../src/core/http.js';
import { createMirthEngine } from '../../src/interfaces/mirth/mirth-client.js';
import { ADT_ID, newestMessage, ORM_ID, singleStatusList, statusList } from './mirth-fixtures.js';

const host = 'https://mirth.hospital.test:8443';
const fetch = createFetch({ timeoutMs: 2000 });
const engine = (extra: Partial<Parameters<typeof createMirthEngine>[0]> = {}) =>
  createMirthEngine({ url: `${host}/`, user: 'pacsdesk', password: 's3cret', fetch, ...extra });

const json = { 'content-type': 'application/json' };
const sessionCookie = 'JSESSIONID=node0abc123.node0; Path=/api; Secure; HttpOnly';

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The documented login: form-encoded, with X-Requested-With, answering LoginStatus and a session cookie. */
function login(scope: nock.Scope, times = 1, cookie = sessionCookie) {
  return scope
    .post('/api/users/_login', (body) => body.username === 'pacsdesk' && body.password === 's3cret')
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .matchHeader('x-requested-with', (v) => v.length > 0)
    .times(times)
    .reply(
      200,
      { 'com.mirth.connect.model.LoginStatus': { status: 'SUCCESS', message: null } },
      {
        ...json,
        'set-cookie': cookie,
      },
    );
}

/** Data calls must carry the session, X-Requested-With and Accept: application/json (the API's default is XML). */
const api = () =>
  nock(host, {
    reqheaders: { 'x-requested-with': (v) => v.length > 0, accept: 'application/json' },
  });

describe('Mirth client (nock, documented request and response shapes)', () => {
  it('logs in, reads the dashboard statuses and each channel’s newest message time', async () => {
    login(nock(host));
    const data = api()
      .matchHeader('cookie', 'JSESSIONID=node0abc123.node0')
      .get('/api/channels/statuses')
      .reply(200, statusList, json)
      .get(`/api/channels/${ADT_ID}/messages`)
      .query({ limit: '1', includeContent: 'false' })
      .reply(200, newestMessage(ADT_ID, 1733140800000), json)
      .get(`/api/channels/${ORM_ID}/messages`)
      .query({ limit: '1', includeContent: 'false' })
      .reply(200, { list: '' }, json);
    const channels = await engine().channels();
    expect(channels).toEqual([
      {
        id: ADT_ID,
        name: 'ADT in from EHR',
        state: 'started',
        received: 120,
        sent: 118,
        queued: 0,
        errored: 2,
        filtered: 0,
        lastMessageAt: 1733140800000,
      },
      { id: ORM_ID, name: 'ORM to RIS', state: 'stopped', received: 40, sent: 30, queued: 9, errored: 0, filtered: 1 },
    ]);
    expect(data.isDone()).toBe(true);
  });

  it('reads a list of one (XStream gives an object, not an array) and keeps the session between calls', async () => {
    const auth = login(nock(host));
    api().get('/api/channels/statuses').times(2).reply(200, singleStatusList, json);
    const mirth = engine({ lastMessageTimes: false });
    const first = await mirth.channels();
    const second = await mirth.channels();
    expect(first.map((c) => [c.name, c.state])).toEqual([['ADT in from EHR', 'paused']]);
    expect(second).toEqual(first);
    expect(auth.isDone()).toBe(true);
  });

  it('logs in again once when the server forgot the session (401 on a data call)', async () => {
    login(nock(host), 2);
    api()
      .get('/api/channels/statuses')
      .reply(200, statusList, json)
      .get('/api/channels/statuses')
      .reply(401, '')
      .get('/api/channels/statuses')
      .reply(200, singleStatusList, json);
    const mirth = engine({ lastMessageTimes: false });
    await mirth.channels();
    expect((await mirth.channels()).length).toBe(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('says Mirth rejected MIRTH_USER/MIRTH_PASSWORD on a 401 login, without the password', async () => {
    nock(host)
      .post('/api/users/_login')
      .reply(401, {
        'com.mirth.connect.model.LoginStatus': { status: 'FAIL', message: 'Incorrect username or password.' },
      });
    const error = await engine()
      .channels()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ engineCode: 'engine_auth_failed', status: 401, code: 'config_invalid' });
    expect((error as Error).message).toContain('Mirth rejected MIRTH_USER/MIRTH_PASSWORD');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('names the missing permission on a 403 from the dashboard', async () => {
    login(nock(host));
    api().get('/api/channels/statuses').reply(403, '');
    await expect(engine().channels()).rejects.toMatchObject({
      engineCode: 'engine_auth_failed',
      message: expect.stringContaining('may not read the dashboard'),
    });
  });

  it('reports XML when the server ignored Accept (a proxy stripping headers), not a parse crash', async () => {
    login(nock(host));
    api()
      .get('/api/channels/statuses')
      .reply(200, '<list><dashboardStatus/></list>', { 'content-type': 'application/xml' });
    await expect(engine().channels()).rejects.toMatchObject({
      engineCode: 'engine_bad_response',
      message: 'Mirth: XML although JSON was asked for at /channels/statuses',
    });
  });

  it('gives a timeout, not a hang, when Mirth accepts and does not answer', async () => {
    login(nock(host));
    api().get('/api/channels/statuses').delay(2000).reply(200, statusList, json);
    const error = await engine({ timeoutMs: 50 })
      .channels()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      engineCode: 'engine_timeout',
      userMessage: 'The interface engine did not answer in time.',
    });
  });

  it('gives "cannot connect" for a refused port', async () => {
    const port = await closedPort();
    const mirth = createMirthEngine({ url: `http://127.0.0.1:${port}`, user: 'u', password: 'p', fetch });
    await expect(mirth.channels()).rejects.toMatchObject({
      engineCode: 'engine_unreachable',
      message: 'Mirth: cannot connect to MIRTH_URL (ECONNREFUSED)',
    });
  });

  it('keeps the channel when its messages cannot be listed (no permission): no lastMessageAt', async () => {
    login(nock(host));
    api()
      .get('/api/channels/statuses')
      .reply(200, singleStatusList, json)
      .get(`/api/channels/${ADT_ID}/messages`)
      .query(true)
      .reply(403, '');
    const [channel] = await engine().channels();
    expect(channel?.name).toBe('ADT in from EHR');
    expect(channel && 'lastMessageAt' in channel).toBe(false);
  });
});

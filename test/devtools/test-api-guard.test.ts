import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { startRecorder, startWorkspace, testApi } from './helpers.js';

/**
 * The local workspace is a developer tool on loopback, but the developer's browser also visits other sites:
 * those must not post as a persona (cross-origin form/text POSTs, no preflight) nor read messages through
 * DNS rebinding (their host name resolving to 127.0.0.1). Raw node:http so Host and Origin are ours to set.
 */

let ws: Workspace;
let bot: Awaited<ReturnType<typeof startRecorder>>;
let close: () => Promise<void>;
let port: number;

beforeAll(async () => {
  bot = await startRecorder();
  ({ ws, close } = await startWorkspace({ botEventsUrl: bot.url, rateLimit: { perSecond: 100, burst: 100 } }));
  port = Number(new URL(ws.url).port);
});
afterAll(async () => {
  await close();
  await bot.close();
});

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

function send({ method = 'GET', path, headers = {}, body }: Sent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.end(body);
  });
}

const adminPost = (text: string) => JSON.stringify({ user: 'admin', channel: 'pacs-triage', text });
const triageTexts = async () =>
  (await testApi<{ text: string }[]>(ws, 'messages?channel=pacs-triage')).map((m) => m.text);

describe('local workspace: the test API only serves its own page on loopback', () => {
  it('refuses a text/plain or form POST (what another web page can send without a preflight) with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await send({
        method: 'POST',
        path: '/api/test/post',
        headers: { 'content-type': type },
        body: adminPost(`forged ${type}`),
      });
      expect(res.status).toBe(415);
      expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: 'unsupported_media_type' });
    }
    const posted = await send({ method: 'POST', path: '/api/test/post', body: adminPost('no content type') });
    expect(posted.status).toBe(415);
    expect((await triageTexts()).filter((t) => t.includes('forged') || t.includes('no content type'))).toEqual([]);
  });

  it('refuses a JSON POST from another origin with 403 and posts nothing', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'null', `https://127.0.0.1:${port}`]) {
      const res = await send({
        method: 'POST',
        path: '/api/test/post',
        headers: { 'content-type': 'application/json', origin },
        body: adminPost(`cross-origin ${origin}`),
      });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ ok: false, error: 'origin_not_allowed' });
    }
    expect((await triageTexts()).filter((t) => t.includes('cross-origin'))).toEqual([]);
  });

  it('accepts a JSON POST from its own page (same origin, 127.0.0.1 or localhost) and posts it', async () => {
    for (const [host, origin] of [
      [`127.0.0.1:${port}`, `http://127.0.0.1:${port}`],
      [`localhost:${port}`, `http://localhost:${port}`],
    ] as const) {
      const res = await send({
        method: 'POST',
        path: '/api/test/post',
        headers: { 'content-type': 'application/json; charset=utf-8', host, origin },
        body: adminPost(`from the page at ${host}`),
      });
      expect(res.status).toBe(200);
    }
    expect(await triageTexts()).toEqual(
      expect.arrayContaining([`from the page at 127.0.0.1:${port}`, `from the page at localhost:${port}`]),
    );
  });

  it('answers 421 to a DNS-rebinding Host on the page, the read APIs, the Web API and Socket Mode', async () => {
    const secret = `rebinding target ${Date.now()}`;
    await testApi(ws, 'post', { user: 'clinician', channel: 'pacs-triage', text: secret });
    const hosts = ['evil.example', `evil.example:${port}`, `localhost.evil.example:${port}`, `127.0.0.1:${port + 1}`];
    for (const host of hosts) {
      for (const path of ['/', '/api/test/messages?channel=pacs-triage', '/api/test/state', '/api/auth.test']) {
        const res = await send({ path, headers: { host } });
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(res.text).not.toContain(secret);
        expect(res.text).not.toContain('<html');
      }
      const upgrade = await send({
        path: '/socket',
        headers: { host, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' },
      });
      expect(upgrade.status).toBe(421);
    }
    const own = await send({ path: '/api/test/messages?channel=pacs-triage', headers: { host: `localhost:${port}` } });
    expect(own.status).toBe(200);
    expect(own.text).toContain(secret);
    expect((await send({ path: '/' })).status).toBe(200);
  });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { mentionEnvelope, postSigned, rawRequest, startFrontDesk } from './front-helpers.js';

let h: DeskHarness;
let port: number;

beforeAll(async () => {
  h = await startFrontDesk();
  port = h.desk.port;
});
afterAll(() => h.stop());

/** The bot is alive and still answers: a signed mention gets its reply in the thread. */
async function stillAnswers(): Promise<void> {
  const { body, ts } = mentionEnvelope(h, 'the viewer opens the exam but says no images');
  expect((await postSigned(h, body)).status).toBe(200);
  const reply = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
  expect(reply.thread_ts).toBe(ts);
}

describe('HTTP front: every request gets an answer and the process stays up', () => {
  it('answers stray paths with 404 and no stack trace, then still answers a signed mention', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/favicon.ico'],
      ['POST', '/'],
      ['GET', '/slack/install'],
      ['POST', '/slack/actions'],
      ['OPTIONS', '*'],
      ['GET', '/%E0%A4%A'],
      ['DELETE', '/../../etc/passwd'],
    ] as const) {
      const res = await rawRequest(port, method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).not.toMatch(/at .*\.(js|ts):\d+|Error:/);
    }
    await stillAnswers();
  });

  it('answers a wrong method on a known path with 405 and Allow', async () => {
    for (const path of ['/slack/events', '/slack/events/', '/SLACK/Events']) {
      const res = await rawRequest(port, 'GET', path);
      expect(res.status, path).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
    const health = await rawRequest(port, 'POST', '/healthz', { 'content-type': 'text/plain' }, 'x');
    expect(health.status).toBe(405);
    expect(health.headers.allow).toBe('GET, HEAD');
    await stillAnswers();
  });

  it('treats other spellings of /slack/events as the events path: verified, never passed to Bolt unchecked', async () => {
    const spellings = [
      '/slack/events/',
      '//slack//events',
      '/slack%2Fevents',
      '/slack%252Fevents',
      '/Slack/Events?x=1',
    ];
    for (const path of spellings) {
      // unsigned: refused by the front (Bolt, given any of these, used to throw and end the process)
      const res = await rawRequest(port, 'POST', path, { 'content-type': 'application/json' }, '{}');
      expect(res.status, path).toBe(401);
    }
    // signed: accepted and answered, whatever the spelling
    const { body, ts } = mentionEnvelope(h, 'the viewer opens the exam but says no images');
    expect((await postSigned(h, body, { path: '/slack/events/' })).status).toBe(200);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
  });

  it('A5: with no allow-list configured (the default), a signed request from any workspace is served', async () => {
    const { body, ts } = mentionEnvelope(h, 'viewer says no images', { team_id: 'T0ELSEWHERE', api_app_id: 'A0OTHER' });
    expect((await postSigned(h, body)).status).toBe(200);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
  });

  it('answers garbage that is not HTTP, and conflicting length headers, with 400 and stays up', async () => {
    const garbage = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let raw = '';
      socket.on('data', (c: Buffer) => {
        raw += c.toString('latin1');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(raw));
      socket.end('\x16\x03\x01 not http at all\r\n\r\n');
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    const smuggle = await rawRequest(
      port,
      'POST',
      '/slack/events',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'content-length': '5' },
      '0\r\n\r\n',
    );
    expect(smuggle.status).toBe(400);
    await stillAnswers();
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/core/logger.js';
import { type RunningDesk, startPacsDesk } from '../../../src/main.js';
import { testSigningSecret } from '../../helpers/desk-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { TEAM } from './front-helpers.js';

/**
 * A stand-in for slack.com/api that the test steers: answers every method, rate-limits the first
 * chat.postMessage with Retry-After, and can declare the token revoked. Records every call.
 */
async function startSteerableSlackApi() {
  const calls: { method: string; at: number; status: number }[] = [];
  const state = { revoked: false, rateLimitNextPost: true };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        calls.push({ method, at: Date.now(), status });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (state.revoked) return reply(200, { ok: false, error: 'token_revoked' });
      if (method === 'auth.test') return reply(200, { ok: true, user_id: 'U0BOTUSER', bot_id: 'B0BOT', team_id: TEAM });
      if (method === 'chat.postMessage' && state.rateLimitNextPost) {
        state.rateLimitNextPost = false;
        return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      }
      if (method === 'chat.postMessage') return reply(200, { ok: true, ts: '2.000001', channel: 'C0RADHELP' });
      if (method === 'conversations.replies') return reply(200, { ok: true, messages: [] });
      return reply(200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    calls,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let api: Awaited<ReturnType<typeof startSteerableSlackApi>>;
let desk: RunningDesk;
let botUrl: string;
let logs = '';
const dir = tempDir('front-token-');

beforeAll(async () => {
  api = await startSteerableSlackApi();
  const config = loadConfig({
    DATA_DIR: dir.path,
    KB_WATCH: 'false',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: testSigningSecret,
    SLACK_API_URL: api.url,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  desk = await startPacsDesk(config, {
    logger: createLogger({ level: 'debug', destination }),
    slackRetry: { retries: 2, minTimeout: 10, maxTimeout: 50 },
  });
  botUrl = `http://127.0.0.1:${desk.port}`;
});
afterAll(async () => {
  await desk.stop();
  await api.close();
  dir.remove();
});

async function mention(text: string): Promise<number> {
  const { signSlackRequest } = await import('../../../src/devtools/workspace/index.js');
  const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const body = JSON.stringify({
    team_id: TEAM,
    type: 'event_callback',
    event_id: `EvTok${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_mention',
      user: 'U0CLINIC1',
      text: `<@U0BOTUSER> ${text}`,
      ts,
      channel: 'C0RADHELP',
      event_ts: ts,
    },
  });
  const headers = signSlackRequest(testSigningSecret, body, Math.floor(Date.now() / 1000));
  const res = await fetch(`${botUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return res.status;
}

describe('R10: Slack rate limits and a revoked token (HTTP mode against a steerable Web API)', () => {
  it('R10: a 429 with Retry-After on chat.postMessage is honoured: the answer is posted once, after the wait, no storm', async () => {
    expect(await mention('the viewer opens the exam but says no images')).toBe(200);
    await waitUntil(() =>
      expect(api.calls.some((c) => c.method === 'chat.postMessage' && c.status === 200)).toBe(true),
    );
    const posts = api.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    // Retry-After: 1 was waited out (a lower bound only: a slow machine can only make the gap longer).
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('R10: a revoked token fails /readyz and raises an alert log, while the process stays up and keeps answering HTTP', async () => {
    expect((await fetch(`${botUrl}/readyz`)).status).toBe(200);
    api.state.revoked = true;
    expect(await mention('worklist is empty')).toBe(200);
    await waitUntil(async () => expect((await fetch(`${botUrl}/readyz`)).status).toBe(503));
    const ready = (await (await fetch(`${botUrl}/readyz`)).json()) as { checks: Record<string, string> };
    expect(ready.checks.slackToken).toBe('failing');
    expect(logs).toContain('"code":"slack_token_dead"');
    expect(logs).not.toContain('xoxb-test-token');
    expect((await fetch(`${botUrl}/healthz`)).status).toBe(200);
    // Still serving: Slack's requests are acknowledged, nothing crashes, no retry storm against the API.
    const before = api.calls.length;
    expect(await mention('still nothing')).toBe(200);
    await waitUntil(() => expect(api.calls.length).toBeGreaterThan(before));
    expect(api.calls.length - before).toBeLessThan(10);
  });
});

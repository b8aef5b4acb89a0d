import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspace, signSlackRequest } from '../../src/devtools/workspace/index.js';
import { SECRET, startRecorder, startWorkspace, TOKEN, tempDir, testApi } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function verify(headers: Record<string, string | string[] | undefined>, raw: string): boolean {
  const ts = String(headers['x-slack-request-timestamp']);
  const expected = Buffer.from(`v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${raw}`).digest('hex')}`);
  const got = Buffer.from(String(headers['x-slack-signature']));
  return got.length === expected.length && timingSafeEqual(got, expected);
}

describe('signSlackRequest', () => {
  it('matches an independent HMAC of "v0:ts:body"', () => {
    const headers = signSlackRequest(SECRET, '{"a":1}', 1_700_000_000);
    expect(headers['x-slack-request-timestamp']).toBe('1700000000');
    expect(verify(headers, '{"a":1}')).toBe(true);
  });
});

describe('delivering to the bot', () => {
  it('signs Events API envelopes with Slack’s shape (message + app_mention for a mention)', async () => {
    const bot = await startRecorder();
    const { ws, close } = await startWorkspace({ botEventsUrl: bot.url });
    cleanups.push(bot.close, close);
    const { ts } = await testApi<{ ts: string }>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'hi @pacs-desk',
    });
    const [message, mention] = [await bot.nth(1), await bot.nth(2)];
    for (const r of [message, mention]) {
      expect(verify(r.headers, r.raw)).toBe(true);
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(message.body).toMatchObject({
      type: 'event_callback',
      team_id: 'T0PACSDESK',
      api_app_id: expect.stringMatching(/^A/),
      event_id: expect.stringMatching(/^Ev/),
      authorizations: [{ team_id: 'T0PACSDESK', user_id: ws.botUserId, is_bot: true }],
      event: {
        type: 'message',
        channel: 'C0RADHELP',
        channel_type: 'channel',
        user: 'U0CLINIC1',
        ts,
        text: `hi <@${ws.botUserId}>`,
      },
    });
    expect(mention.body).toMatchObject({ event: { type: 'app_mention', channel: 'C0RADHELP', ts, user: 'U0CLINIC1' } });
    expect((message.body as { event_id: string }).event_id).not.toBe((mention.body as { event_id: string }).event_id);
  });

  it('sends a DM as channel_type im, and a thread reply with thread_ts', async () => {
    const bot = await startRecorder();
    const { ws, close } = await startWorkspace({ botEventsUrl: bot.url });
    cleanups.push(bot.close, close);
    const { ts } = await testApi<{ ts: string }>(ws, 'post', { user: 'admin', channel: 'dm', text: 'hello' });
    await testApi(ws, 'post', { user: 'admin', channel: 'dm', text: 'more', thread_ts: ts });
    expect((await bot.nth(1)).body).toMatchObject({ event: { channel: 'D0ADMIN01', channel_type: 'im' } });
    expect((await bot.nth(2)).body).toMatchObject({ event: { thread_ts: ts, parent_user_id: 'U0ADMIN01' } });
  });

  it('retries an event the bot did not ack in time with x-slack-retry-num / http_timeout', async () => {
    let calls = 0;
    const bot = await startRecorder((_r, res) => {
      calls += 1;
      if (calls === 1) return; // never answers the first delivery
      res.writeHead(200);
      res.end();
    });
    const { ws, close } = await startWorkspace({ botEventsUrl: bot.url, ackTimeoutMs: 50, retryDelaysMs: [0] });
    cleanups.push(bot.close, close);
    const post = await testApi<{ deliveries: { outcome: string }[] }>(ws, 'post', {
      user: 'clinician',
      channel: 'dm',
      text: 'slow bot',
    });
    expect(post.deliveries).toEqual([{ status: 0, outcome: 'timeout' }]);
    const retry = await bot.nth(2);
    expect(retry.headers['x-slack-retry-num']).toBe('1');
    expect(retry.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(retry.raw).toBe((await bot.nth(1)).raw);
    expect(verify(retry.headers, retry.raw)).toBe(true);
    const eventId = (retry.body as { event_id: string }).event_id;
    expect(await ws.redeliver(eventId, 2)).toBe(200);
    expect((await bot.nth(3)).headers['x-slack-retry-num']).toBe('2');
    expect(ws.deliveries().map((d) => d.outcome)).toContain('timeout');
  });

  it('stops retrying when the bot answers x-slack-no-retry: 1', async () => {
    const bot = await startRecorder((_r, res) => {
      res.writeHead(500, { 'x-slack-no-retry': '1' });
      res.end();
    });
    const { ws, close } = await startWorkspace({ botEventsUrl: bot.url, retryDelaysMs: [0, 0, 0] });
    cleanups.push(bot.close, close);
    await testApi(ws, 'post', { user: 'clinician', channel: 'dm', text: 'x' });
    await testApi(ws, 'post', { user: 'clinician', channel: 'dm', text: 'y' });
    expect(bot.received.map((r) => (r.body as { event: { text: string } }).event.text)).toEqual(['x', 'y']);
  });

  it('shows a slash command’s text ack as an ephemeral message', async () => {
    const bot = await startRecorder((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Working on it');
    });
    const { ws, close } = await startWorkspace({ botEventsUrl: bot.url });
    cleanups.push(bot.close, close);
    const r = await testApi(ws, 'post', { user: 'associate', channel: 'pacs-triage', text: '/pacs study ACC9' });
    expect(r).toMatchObject({ ts: null, command: { status: 200, response: 'Working on it' } });
    const form = (await bot.nth(1)).body as Record<string, string>;
    expect(form).toMatchObject({
      command: '/pacs',
      text: 'study ACC9',
      user_id: 'U0ASSOC01',
      channel_id: 'C0PTRIAGE',
      team_id: 'T0PACSDESK',
    });
    expect(form.response_url).toMatch(new RegExp(`^${ws.url}/hooks/respond/`));
    await ws.waitForMessage({ channel: 'pacs-triage', ephemeralFor: 'associate', textIncludes: 'Working on it' });
  });
});

describe('persistence', () => {
  it('keeps messages, views and ts order across a restart on the same dataDir', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const first = await createWorkspace({ dataDir: tmp.dir, signingSecret: SECRET, botToken: TOKEN });
    const { ts } = await testApi<{ ts: string }>(first, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'before restart',
    });
    await first.stop();
    const second = await createWorkspace({ dataDir: tmp.dir, signingSecret: SECRET, botToken: TOKEN });
    cleanups.push(() => second.stop());
    const messages = await testApi<{ ts: string; text: string }[]>(second, 'messages?channel=radiology-help');
    expect(messages).toMatchObject([{ ts, text: 'before restart' }]);
    const next = await testApi<{ ts: string }>(second, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'after',
    });
    expect(Number(next.ts)).toBeGreaterThan(Number(ts));
    expect((await testApi<{ users: unknown[] }>(second, 'state')).users).toHaveLength(3);
  });
});

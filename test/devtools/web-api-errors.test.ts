import { LogLevel, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startWorkspace, TOKEN, testApi } from './helpers.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function workspace(options: Parameters<typeof startWorkspace>[0] = {}) {
  const started = await startWorkspace(options);
  close = started.close;
  return started.ws;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Web API errors (raw HTTP)', () => {
  it('answers unknown methods with unknown_method and bad tokens with invalid_auth', async () => {
    const ws = await workspace();
    expect((await api(ws, 'chat.doesNotExist', {})).json).toMatchObject({ ok: false, error: 'unknown_method' });
    const bad = await api(ws, 'auth.test', {}, 'xoxb-wrong');
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({ ok: false, error: 'invalid_auth' });
    const none = await fetch(`${ws.apiUrl}auth.test`, { method: 'POST' });
    expect(await none.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('accepts form bodies with JSON-string fields, and GET with a query string', async () => {
    const ws = await workspace();
    const form = new URLSearchParams({ channel: 'C0RADHELP', text: 'form', blocks: JSON.stringify([section('hi')]) });
    const res = await fetch(`${ws.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(await res.json()).toMatchObject({ ok: true, message: { blocks: [section('hi')] } });
    const get = await fetch(`${ws.apiUrl}users.info?user=U0ADMIN01`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await get.json()).toMatchObject({ ok: true, user: { id: 'U0ADMIN01', is_admin: true } });
  });

  it('validates chat.postMessage content like Slack', async () => {
    const ws = await workspace({ rateLimit: { perSecond: 100, burst: 100 } });
    const post = async (body: Record<string, unknown>) =>
      (await api(ws, 'chat.postMessage', { channel: 'C0RADHELP', ...body })).json;
    expect(await post({ text: 'x'.repeat(40_001) })).toMatchObject({ error: 'msg_too_long' });
    expect(await post({})).toMatchObject({ error: 'no_text' });
    expect(await post({ channel: 'C0NOPE', text: 'x' })).toMatchObject({ error: 'channel_not_found' });
    const invalid = [
      { blocks: { type: 'divider' } },
      { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      { blocks: [{ type: 'carousel' }] },
      { blocks: [section('x'.repeat(3001))] },
      { blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
      { blocks: [{ type: 'section' }] },
      { blocks: [{ type: 'divider', block_id: 'b'.repeat(256) }] },
      {
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'Go' } }],
          },
        ],
      },
      {
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'b'.repeat(76) } }],
          },
        ],
      },
      { blocks: [{ type: 'image', image_url: 'http://x/y.png' }] },
    ];
    for (const body of invalid)
      expect(await post({ text: 'fallback', ...body }), JSON.stringify(body).slice(0, 80)).toMatchObject({
        ok: false,
        error: 'invalid_blocks',
      });
    const ok = await post({
      text: 'fine',
      blocks: [section('x'.repeat(3000))],
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(ok.ok).toBe(true);
  });

  it('expires trigger_ids after triggerTtlMs (fake clock)', async () => {
    let now = 1_750_000_000_000;
    const ws = await workspace({ now: () => now });
    const { trigger_id } = await testApi<{ trigger_id: string }>(ws, 'shortcut', {
      user: 'admin',
      callback_id: 'new_ticket',
    });
    now += 3001;
    const view = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] };
    expect((await api(ws, 'views.open', { trigger_id, view })).json).toMatchObject({
      ok: false,
      error: 'expired_trigger_id',
    });
  });

  it('rate-limits chat.postMessage per channel with HTTP 429 and Retry-After', async () => {
    let now = 1_750_000_000_000;
    const ws = await workspace({ now: () => now, rateLimit: { perSecond: 1, burst: 3 } });
    const client = new WebClient(TOKEN, {
      slackApiUrl: ws.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    for (let i = 0; i < 3; i++) await client.chat.postMessage({ channel: 'C0RADHELP', text: `burst ${i}` });
    const error = await client.chat
      .postMessage({ channel: 'C0RADHELP', text: 'one too many' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    const raw = await api(ws, 'chat.postMessage', { channel: 'C0RADHELP', text: 'raw' });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(raw.json).toEqual({ ok: false, error: 'ratelimited' });
    await client.chat.postMessage({ channel: 'C0PTRIAGE', text: 'other channel is fine' });
    now += 1000;
    await client.chat.postMessage({ channel: 'C0RADHELP', text: 'after a second' });
  });
});

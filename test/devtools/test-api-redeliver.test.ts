import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, startRecorder, startWorkspace, testApi } from './helpers.js';

const APP_TOKEN = 'xapp-1-A0PACSDESK-test';

interface Posted {
  ts: string;
  event_ids: string[];
}

describe('POST /api/test/redeliver', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('post returns the ids of the events it delivered: message, then app_mention', async () => {
    const bot = await startRecorder();
    const { ws, close } = await startWorkspace({ botEventsUrl: bot.url });
    cleanups.push(() => bot.close(), close);
    const dm = await testApi<Posted>(ws, 'post', { user: 'clinician', channel: 'dm', text: 'hello' });
    const mention = await testApi<Posted>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${ws.botUserId}> hello`,
    });
    const sent = bot.received.map((r) => r.body as { event_id: string; event: { type: string } });
    expect(dm.event_ids).toEqual([sent[0]?.event_id]);
    expect(mention.event_ids).toEqual(sent.slice(1).map((b) => b.event_id));
    expect(sent.slice(1).map((b) => b.event.type)).toEqual(['message', 'app_mention']);
  });

  it('re-sends a stored event to the request URL with Slack’s retry headers', async () => {
    const bot = await startRecorder();
    const { ws, close } = await startWorkspace({ botEventsUrl: bot.url });
    cleanups.push(() => bot.close(), close);
    const { event_ids } = await testApi<Posted>(ws, 'post', { user: 'clinician', channel: 'dm', text: 'again' });
    const r = await testApi(ws, 'redeliver', { event_id: event_ids[0], retry_num: 2 });
    expect(r).toEqual({ event_id: event_ids[0], retry_num: 2, status: 200, outcome: 'acked', via: 'http' });
    const [first, retry] = bot.received;
    expect(retry?.raw).toBe(first?.raw);
    expect(retry?.headers['x-slack-retry-num']).toBe('2');
    expect(retry?.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(first?.headers['x-slack-retry-num']).toBeUndefined();
  });

  it('re-sends over Socket Mode with retry_attempt and retry_reason while a client is connected', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN, retryDelaysMs: [] });
    cleanups.push(close);
    const { json } = await api(ws, 'apps.connections.open', {}, APP_TOKEN);
    const socket = new WebSocket(String(json.url));
    cleanups.push(() => socket.terminate());
    const envelopes: { retry_attempt?: number; retry_reason?: string; payload: { event_id?: string } }[] = [];
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { envelope_id?: string } & (typeof envelopes)[number];
      if (!m.envelope_id) return;
      envelopes.push(m);
      socket.send(JSON.stringify({ envelope_id: m.envelope_id, payload: {} }));
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const { event_ids } = await testApi<Posted>(ws, 'post', { user: 'clinician', channel: 'dm', text: 'socket' });
    const r = await testApi(ws, 'redeliver', { event_id: event_ids[0], reason: 'timeout' });
    expect(r).toMatchObject({ retry_num: 1, outcome: 'acked', via: 'socket' });
    expect(envelopes.map((e) => [e.payload.event_id, e.retry_attempt, e.retry_reason])).toEqual([
      [event_ids[0], 0, ''],
      [event_ids[0], 1, 'timeout'],
    ]);
  });

  it('answers 404 for an unknown event and 400 without an event id or with a bad retry_num', async () => {
    const { ws, close } = await startWorkspace();
    cleanups.push(close);
    await expect(testApi(ws, 'redeliver', { event_id: 'EvNOPE' })).rejects.toThrow(/404.*event_not_found/);
    await expect(testApi(ws, 'redeliver', {})).rejects.toThrow(/400.*no_event_id/);
    await expect(testApi(ws, 'redeliver', { event_id: 'EvNOPE', retry_num: 0 })).rejects.toThrow(
      /400.*invalid_retry_num/,
    );
  });
});

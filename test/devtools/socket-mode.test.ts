import { App, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { api, startWorkspace, TOKEN, testApi } from './helpers.js';

const APP_TOKEN = 'xapp-1-A0PACSDESK-test';

const ticketModal = {
  type: 'modal' as const,
  callback_id: 'ticket_modal',
  title: { type: 'plain_text' as const, text: 'New ticket' },
  submit: { type: 'plain_text' as const, text: 'Create' },
  blocks: [
    {
      type: 'input',
      block_id: 'title_block',
      label: { type: 'plain_text' as const, text: 'Title' },
      element: { type: 'plain_text_input' as const, action_id: 'title_input' },
    },
  ],
};

/** For the app that is expected to fail: the socket client logs the refused token at ERROR level. */
const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

function socketApp(ws: Workspace, appToken = APP_TOKEN, logger?: Logger): App {
  return new App({
    token: TOKEN,
    appToken,
    socketMode: true,
    ...(logger ? { logger } : { logLevel: LogLevel.ERROR }),
    clientOptions: { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } },
  });
}

/** The raw @slack/socket-mode client (Bolt's receiver without an App), for envelope-level checks. */
function rawClient(ws: Workspace) {
  const receiver = new SocketModeReceiver({
    appToken: APP_TOKEN,
    logLevel: LogLevel.ERROR,
    autoReconnectEnabled: false,
    installerOptions: { clientOptions: { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } } },
  });
  return receiver.client;
}

/** A bare `ws` client on a fresh apps.connections.open URL: collects every message the server sends. */
async function bareSocket(ws: Workspace): Promise<{ url: string; socket: WebSocket; messages: unknown[] }> {
  const { json } = await api(ws, 'apps.connections.open', {}, APP_TOKEN);
  const url = String(json.url);
  const socket = new WebSocket(url);
  const messages: unknown[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { url, socket, messages };
}

describe('a real Bolt app in Socket Mode against the workspace', () => {
  let ws: Workspace;
  let closeWs: () => Promise<void>;
  let app: App;

  beforeAll(async () => {
    ({ ws, close: closeWs } = await startWorkspace({ appToken: APP_TOKEN, rateLimit: { perSecond: 100, burst: 100 } }));
    app = socketApp(ws);
    app.event('app_mention', async ({ event, say }) => {
      await say({ text: `Hello <@${event.user}>`, thread_ts: event.thread_ts ?? event.ts });
    });
    app.command('/pacs', async ({ ack, command }) => {
      await ack({ response_type: 'ephemeral', text: `Looking up ${command.text}` });
    });
    app.shortcut('new_ticket', async ({ ack, shortcut, client }) => {
      await ack();
      await client.views.open({ trigger_id: shortcut.trigger_id, view: ticketModal });
    });
    app.view('ticket_modal', async ({ ack, view }) => {
      const title = view.state.values.title_block?.title_input?.value ?? '';
      if (title.length < 5) await ack({ response_action: 'errors', errors: { title_block: 'Too short' } });
      else await ack();
    });
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await closeWs();
  });

  it('connects through apps.connections.open with the app-level token', () => {
    expect(ws.socketConnections()).toBe(1);
    expect(ws.calls('apps.connections.open')).toMatchObject([{ ok: true }]);
  });

  it('delivers an app_mention over the socket; its say() reply lands in the thread', async () => {
    const post = await testApi<{ ts: string; deliveries: { status: number; outcome: string }[] }>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: '@pacs-desk is PACS down?',
    });
    expect(post.deliveries).toEqual([
      { status: 200, outcome: 'acked' },
      { status: 200, outcome: 'acked' },
    ]);
    const reply = await ws.waitForMessage({ channel: 'radiology-help', thread_ts: post.ts, fromBot: true });
    expect(reply.text).toBe('Hello <@U0CLINIC1>');
  });

  it('shows a slash command’s ack payload as an ephemeral message', async () => {
    const r = await testApi<{ command: { status: number; response: unknown } }>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: '/pacs study ACC123',
    });
    expect(r.command).toMatchObject({
      status: 200,
      response: { response_type: 'ephemeral', text: 'Looking up study ACC123' },
    });
    await ws.waitForMessage({
      channel: 'radiology-help',
      ephemeralFor: 'clinician',
      textIncludes: 'Looking up study ACC123',
    });
  });

  it('returns modal field errors from the socket ack; a bare ack closes the modal', async () => {
    await testApi(ws, 'shortcut', { user: 'associate', callback_id: 'new_ticket' });
    const view = await ws.waitForView({ user: 'associate', callback_id: 'ticket_modal' });
    const short = await testApi(ws, 'submit', {
      user: 'associate',
      view_id: view.id,
      values: { title_block: { title_input: { type: 'plain_text_input', value: 'x' } } },
    });
    expect(short).toEqual({ response_action: 'errors', errors: { title_block: 'Too short' } });
    const ok = await testApi(ws, 'submit', {
      user: 'associate',
      view_id: view.id,
      values: { title_block: { title_input: { type: 'plain_text_input', value: 'Scanner 3 down' } } },
    });
    expect(ok).toEqual({});
    expect(await testApi(ws, 'views?user=associate')).toEqual([]);
  });
});

describe('Socket Mode envelopes and connections', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('sends hello first, then envelopes in Slack’s shape, and takes each ticket only once', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN });
    cleanups.push(close);
    const { url, socket, messages } = await bareSocket(ws);
    cleanups.push(() => socket.terminate());
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: expect.objectContaining({ host: expect.any(String) }),
      connection_info: { app_id: 'A0PACSDESK' },
    });
    const reused = new WebSocket(url);
    const status = await new Promise((resolve) =>
      reused.once('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode);
      }),
    );
    expect(status).toBe(401);

    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { envelope_id?: string; type: string };
      if (m.type === 'slash_commands')
        socket.send(JSON.stringify({ envelope_id: m.envelope_id, payload: { text: 'ok' } }));
    });
    const post = testApi(ws, 'post', { user: 'clinician', channel: 'radiology-help', text: '/pacs status' });
    await expect.poll(() => messages.length).toBe(2);
    expect(messages[1]).toMatchObject({
      envelope_id: expect.any(String),
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/pacs', text: 'status', user_id: 'U0CLINIC1', channel_id: 'C0RADHELP' },
    });
    expect(await post).toMatchObject({ command: { status: 200, response: { text: 'ok' } } });
  });

  it('retries an un-acked event over the socket with retry_attempt 1 and retry_reason timeout', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN, ackTimeoutMs: 100, retryDelaysMs: [0] });
    cleanups.push(close);
    const client = rawClient(ws);
    const seen: { type: string; event_id: string; retry_num?: number; retry_reason?: string }[] = [];
    client.on('slack_event', async ({ ack, type, body, retry_num, retry_reason }) => {
      seen.push({ type, event_id: body.event_id, retry_num, retry_reason });
      if (seen.length > 1) await ack(); // the first envelope is never acked
    });
    await client.start();
    cleanups.push(() => client.disconnect());
    const post = await testApi<{ deliveries: { outcome: string }[] }>(ws, 'post', {
      user: 'clinician',
      channel: 'dm',
      text: 'hello',
    });
    expect(post.deliveries).toEqual([{ status: 0, outcome: 'timeout' }]);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[0]).toMatchObject({ type: 'events_api', retry_num: 0, retry_reason: '' });
    expect(seen[1]).toEqual({ type: 'events_api', event_id: seen[0]?.event_id, retry_num: 1, retry_reason: 'timeout' });
    await expect
      .poll(() => ws.deliveries().map((d) => [d.retry_num, d.outcome]))
      .toEqual([
        [1, 'acked'],
        [0, 'timeout'],
      ]);
  });

  it('holds a delivery while no bot is there and sends it once a socket connects', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN, waitForBotMs: 10_000 });
    cleanups.push(close);
    const post = testApi<{ deliveries: { outcome: string }[] }>(ws, 'post', {
      user: 'admin',
      channel: 'dm',
      text: 'hi',
    });
    const client = rawClient(ws);
    const types: string[] = [];
    client.on('slack_event', async ({ ack, body }) => {
      types.push(body.event.type);
      await ack();
    });
    await client.start();
    cleanups.push(() => client.disconnect());
    expect((await post).deliveries).toEqual([{ status: 200, outcome: 'acked' }]);
    expect(types).toEqual(['message']);
  });

  it('reports no_url when neither a socket nor a request URL is there', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN });
    cleanups.push(close);
    const post = await testApi<{ deliveries: unknown[] }>(ws, 'post', { user: 'admin', channel: 'dm', text: 'hi' });
    expect(post.deliveries).toEqual([{ status: 0, outcome: 'no_url' }]);
  });

  it('refuses a wrong app token (invalid_auth) and the bot token (not_allowed_token_type)', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN });
    cleanups.push(close);
    const wrong = socketApp(ws, 'xapp-1-wrong', silent);
    await expect(wrong.start()).rejects.toMatchObject({ data: { ok: false, error: 'invalid_auth' } });
    const bot = new WebClient(TOKEN, { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } });
    await expect(bot.apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    expect((await api(ws, 'auth.test', {}, APP_TOKEN)).json).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(ws.socketConnections()).toBe(0);
  });

  it('stop() closes open sockets, and the client sees the connection end', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN });
    const client = rawClient(ws);
    await client.start();
    const disconnected = new Promise<void>((resolve) => client.once('disconnected', () => resolve()));
    const started = Date.now();
    await close();
    await disconnected;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sends disconnect on request; the client reconnects through a new URL', async () => {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN });
    cleanups.push(close);
    const receiver = new SocketModeReceiver({
      appToken: APP_TOKEN,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: 300,
      installerOptions: { clientOptions: { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } } },
    });
    const client = receiver.client;
    await client.start();
    cleanups.push(() => client.disconnect());
    const reconnected = new Promise<void>((resolve) => client.once('connected', () => resolve()));
    ws.disconnectSockets('refresh_requested');
    await reconnected;
    expect(ws.socketConnections()).toBe(1);
    expect(ws.calls('apps.connections.open')).toHaveLength(2);
  });
});

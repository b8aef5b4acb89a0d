import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { SECRET, startWorkspace, TOKEN, testApi } from './helpers.js';

/** The real Bolt stack (HTTPReceiver, signature verification, WebClient) against the workspace. */
let ws: Workspace;
let closeWs: () => Promise<void>;
let app: App;

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

beforeAll(async () => {
  ({ ws, close: closeWs } = await startWorkspace({ rateLimit: { perSecond: 100, burst: 100 } }));
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
  app = new App({
    token: TOKEN,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } },
  });
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: `Hello <@${event.user}>`, thread_ts: event.thread_ts ?? event.ts });
  });
  app.message(async ({ message, setStatus, sayStream }) => {
    if (message.channel_type !== 'im' || message.subtype) return;
    await setStatus('is thinking…');
    const streamer = sayStream();
    await streamer.append({ markdown_text: 'Streamed ' });
    await streamer.stop({ markdown_text: 'answer' });
  });
  app.command('/pacs', async ({ ack, respond, command }) => {
    await ack({ response_type: 'ephemeral', text: `Looking up ${command.text}` });
    await respond({ text: 'Found it' });
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
  app.action('triage_ack', async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Acknowledged' });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome home' } }] },
    });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  ws.setBotEventsUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
});

afterAll(async () => {
  await app.stop();
  await closeWs();
});

describe('a real Bolt app driven through the workspace', () => {
  it('receives an app_mention and its say() reply lands in the thread', async () => {
    const post = await testApi<{ ts: string; deliveries: { status: number }[] }>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: '@pacs-desk is PACS down?',
    });
    expect(post.deliveries.map((d) => d.status)).toEqual([200, 200]);
    const reply = await ws.waitForMessage({ channel: 'radiology-help', thread_ts: post.ts, fromBot: true });
    expect(reply.text).toBe('Hello <@U0CLINIC1>');
    const thread = await testApi<{ text: string }[]>(ws, `messages?channel=radiology-help&thread_ts=${post.ts}`);
    expect(thread.map((m) => m.text)).toEqual([`<@${ws.botUserId}> is PACS down?`, 'Hello <@U0CLINIC1>']);
  });

  it('streams a DM answer with setStatus and sayStream', async () => {
    const post = await testApi<{ ts: string }>(ws, 'post', {
      user: 'associate',
      channel: 'dm',
      text: 'how do I reroute a study?',
    });
    const answer = await ws.waitForMessage({
      channel: 'D0ASSOC01',
      thread_ts: post.ts,
      streaming: false,
      fromBot: true,
    });
    expect(answer.text).toBe('Streamed answer');
    expect(ws.calls('assistant.threads.setStatus')).toHaveLength(1);
  });

  it('runs /pacs: the ack body and respond() reach the user as ephemeral messages', async () => {
    const r = await testApi<{ ts: null; command: { status: number; response: unknown } }>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: '/pacs study ACC123',
    });
    expect(r).toMatchObject({
      ts: null,
      command: { status: 200, response: { response_type: 'ephemeral', text: 'Looking up study ACC123' } },
    });
    await ws.waitForMessage({
      channel: 'radiology-help',
      ephemeralFor: 'clinician',
      textIncludes: 'Looking up study ACC123',
    });
    await ws.waitForMessage({ channel: 'radiology-help', ephemeralFor: 'clinician', textIncludes: 'Found it' });
  });

  it('opens a modal from a shortcut; errors keep it open, a valid submit closes it', async () => {
    await testApi(ws, 'shortcut', { user: 'associate', callback_id: 'new_ticket' });
    const view = await ws.waitForView({ user: 'associate', callback_id: 'ticket_modal' });
    const short = await testApi(ws, 'submit', {
      user: 'associate',
      view_id: view.id,
      values: { title_block: { title_input: { type: 'plain_text_input', value: 'x' } } },
    });
    expect(short).toEqual({ response_action: 'errors', errors: { title_block: 'Too short' } });
    const open = await testApi<{ id: string; errors: Record<string, string> }[]>(ws, 'views?user=associate');
    expect(open).toMatchObject([{ id: view.id, errors: { title_block: 'Too short' } }]);
    const ok = await testApi(ws, 'submit', {
      user: 'associate',
      view_id: view.id,
      values: { title_block: { title_input: { type: 'plain_text_input', value: 'Scanner 3 down' } } },
    });
    expect(ok).toEqual({});
    expect(await testApi(ws, 'views?user=associate')).toEqual([]);
  });

  it('clicks a message button; respond({replace_original}) rewrites the message', async () => {
    const client = app.client;
    const posted = await client.chat.postMessage({
      channel: 'C0PTRIAGE',
      text: 'Incident INC-1',
      blocks: [
        {
          type: 'actions',
          block_id: 'triage',
          elements: [
            { type: 'button', action_id: 'triage_ack', value: 'INC-1', text: { type: 'plain_text', text: 'Ack' } },
          ],
        },
      ],
    });
    const click = await testApi(ws, 'click', {
      user: 'associate',
      channel: 'pacs-triage',
      ts: posted.ts,
      action_id: 'triage_ack',
    });
    expect(click).toMatchObject({ status: 200 });
    await ws.waitForMessage({ channel: 'pacs-triage', textIncludes: 'Acknowledged' });
    const top = await testApi<{ ts: string; text: string }[]>(ws, 'messages?channel=pacs-triage');
    expect(top.find((m) => m.ts === posted.ts)?.text).toBe('Acknowledged');
  });

  it('publishes the Home tab on app_home_opened', async () => {
    expect(await testApi(ws, 'open-home', { user: 'admin' })).toMatchObject({ status: 200 });
    const home = await testApi<{ blocks: unknown[] } | null>(ws, 'home?user=admin');
    expect(JSON.stringify(home?.blocks)).toContain('Welcome home');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { api, startRecorder, startWorkspace, testApi } from './helpers.js';

let ws: Workspace;
let bot: Awaited<ReturnType<typeof startRecorder>>;
let close: () => Promise<void>;

beforeAll(async () => {
  bot = await startRecorder();
  ({ ws, close } = await startWorkspace({
    botEventsUrl: bot.url,
    echoBotMessages: false,
    rateLimit: { perSecond: 100, burst: 100 },
  }));
});
afterAll(async () => {
  await close();
  await bot.close();
});

function lastBody<T = Record<string, unknown>>(): T {
  return bot.received.at(-1)?.body as T;
}

describe('test API contract', () => {
  it('GET state lists the bot, the personas and the channels', async () => {
    const state = await testApi<Record<string, unknown>>(ws, 'state');
    expect(state).toMatchObject({
      bot: { user_id: ws.botUserId },
      users: [
        { id: 'U0CLINIC1', name: 'casey.clinician', persona: 'clinician' },
        { id: 'U0ASSOC01', name: 'alex.associate', persona: 'associate' },
        { id: 'U0ADMIN01', name: 'avery.admin', persona: 'admin' },
      ],
      channels: [
        { id: 'C0RADHELP', name: 'radiology-help' },
        { id: 'C0PTRIAGE', name: 'pacs-triage' },
        { id: 'C0PMANAGE', name: 'pacs-managers' },
      ],
    });
  });

  it('converts typed @names and #channels, and lists messages with explicit nulls', async () => {
    const { ts } = await testApi<{ ts: string }>(ws, 'post', {
      user: 'U0ADMIN01',
      channel: 'C0PTRIAGE',
      text: 'cc @alex.associate @pacs-admins see #radiology-help',
    });
    const [m] = (await testApi<Record<string, unknown>[]>(ws, 'messages?channel=pacs-triage')).filter(
      (x) => x.ts === ts,
    );
    expect(m).toMatchObject({
      text: 'cc <@U0ASSOC01> <!subteam^S0PACSADM|@pacs-admins> see <#C0RADHELP|radiology-help>',
      user: 'U0ADMIN01',
      bot_id: null,
      thread_ts: null,
      ephemeral_for: null,
      reply_count: 0,
      reactions: [],
    });
  });

  it('rejects unknown users, channels and commands with 400', async () => {
    await expect(testApi(ws, 'post', { user: 'nobody', channel: 'dm', text: 'x' })).rejects.toThrow(
      /400.*user_not_found/,
    );
    await expect(testApi(ws, 'post', { user: 'admin', channel: 'nowhere', text: 'x' })).rejects.toThrow(
      /400.*channel_not_found/,
    );
    await expect(testApi(ws, 'post', { user: 'admin', channel: 'dm', text: '/nope x' })).rejects.toThrow(
      /400.*unknown_command/,
    );
  });

  it('react stores the reaction and sends reaction_added', async () => {
    const { ts } = await testApi<{ ts: string }>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'react here',
    });
    await testApi(ws, 'react', { user: 'associate', channel: 'radiology-help', ts, name: ':eyes:' });
    expect(lastBody()).toMatchObject({
      event: {
        type: 'reaction_added',
        user: 'U0ASSOC01',
        reaction: 'eyes',
        item_user: 'U0CLINIC1',
        item: { type: 'message', channel: 'C0RADHELP', ts },
      },
    });
    const [m] = (await testApi<{ ts: string; reactions: unknown[] }[]>(ws, 'messages?channel=radiology-help')).filter(
      (x) => x.ts === ts,
    );
    expect(m?.reactions).toEqual([{ name: 'eyes', users: ['U0ASSOC01'], count: 1 }]);
  });

  it('open-home sends app_home_opened for the home or messages tab', async () => {
    await testApi(ws, 'open-home', { user: 'clinician' });
    expect(lastBody()).toMatchObject({
      event: { type: 'app_home_opened', user: 'U0CLINIC1', channel: 'D0CLINIC1', tab: 'home' },
    });
    await testApi(ws, 'open-home', { user: 'clinician', tab: 'messages' });
    expect(lastBody()).toMatchObject({ event: { tab: 'messages' } });
  });

  it('sends message shortcuts and global shortcuts with Slack’s payloads', async () => {
    const { ts } = await testApi<{ ts: string }>(ws, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: 'scanner 3 is down',
    });
    await testApi(ws, 'shortcut', { user: 'associate', callback_id: 'create_ticket', channel: 'radiology-help', ts });
    expect(lastBody()).toMatchObject({
      type: 'message_action',
      callback_id: 'create_ticket',
      trigger_id: expect.any(String),
      channel: { id: 'C0RADHELP', name: 'radiology-help' },
      message_ts: ts,
      message: { text: 'scanner 3 is down', user: 'U0CLINIC1' },
      user: { id: 'U0ASSOC01' },
      response_url: expect.stringContaining('/hooks/respond/'),
    });
    await testApi(ws, 'shortcut', { user: 'associate', callback_id: 'new_ticket' });
    const global = lastBody();
    expect(global).toMatchObject({ type: 'shortcut', callback_id: 'new_ticket', team: { id: 'T0PACSDESK' } });
    expect(global).not.toHaveProperty('channel');
  });

  it('click picks a select option by value and describes the container', async () => {
    const options = ['low', 'high'].map((v) => ({ text: { type: 'plain_text', text: v }, value: v }));
    const posted = await api(ws, 'chat.postMessage', {
      channel: 'C0PTRIAGE',
      text: 'Priority?',
      blocks: [
        { type: 'actions', block_id: 'prio', elements: [{ type: 'static_select', action_id: 'set_prio', options }] },
      ],
    });
    const ts = String(posted.json.ts);
    const r = await testApi(ws, 'click', {
      user: 'admin',
      channel: 'pacs-triage',
      ts,
      action_id: 'set_prio',
      value: 'high',
    });
    expect(r).toMatchObject({ status: 200 });
    expect(lastBody()).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', message_ts: ts, channel_id: 'C0PTRIAGE', is_ephemeral: false },
      message: { ts, bot_id: ws.botId },
      actions: [{ type: 'static_select', action_id: 'set_prio', block_id: 'prio', selected_option: { value: 'high' } }],
    });
    await expect(
      testApi(ws, 'click', { user: 'admin', channel: 'pacs-triage', ts, action_id: 'missing' }),
    ).rejects.toThrow(/action_not_found/);
  });

  it('closing a notify_on_close modal sends view_closed', async () => {
    const { trigger_id } = await testApi<{ trigger_id: string }>(ws, 'shortcut', { user: 'admin', callback_id: 'x' });
    const view = {
      type: 'modal',
      callback_id: 'm',
      notify_on_close: true,
      title: { type: 'plain_text', text: 'M' },
      blocks: [],
    };
    const opened = await api(ws, 'views.open', { trigger_id, view });
    const id = (opened.json.view as { id: string }).id;
    await testApi(ws, 'close', { user: 'admin', view_id: id });
    expect(lastBody()).toMatchObject({ type: 'view_closed', view: { id, callback_id: 'm' }, is_cleared: false });
    expect(await testApi(ws, 'views?user=admin')).toEqual([]);
  });

  it('response_url accepts at most 5 posts', async () => {
    const r = await testApi<{ command: { response_url: string } }>(ws, 'post', {
      user: 'clinician',
      channel: 'dm',
      text: '/pacs help',
    });
    const url = r.command.response_url;
    const post = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hi' }),
      });
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(404);
  });
});

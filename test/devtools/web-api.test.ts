import { type KnownBlock, LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { startWorkspace, TOKEN, testApi } from './helpers.js';

let ws: Workspace;
let close: () => Promise<void>;
let client: WebClient;
const CLINICIAN = 'U0CLINIC1';

beforeAll(async () => {
  ({ ws, close } = await startWorkspace({ rateLimit: { perSecond: 1000, burst: 1000 } }));
  client = new WebClient(TOKEN, { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterAll(() => close());

async function trigger(): Promise<string> {
  const r = await testApi<{ trigger_id: string }>(ws, 'shortcut', { user: 'clinician', callback_id: 'x' });
  return r.trigger_id;
}

const modal = (title = 'New ticket', blocks: KnownBlock[] = []) => ({
  type: 'modal' as const,
  callback_id: 'ticket_modal',
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Create' },
  blocks,
});

describe('Web API through @slack/web-api WebClient', () => {
  it('auth.test returns the bot identity', async () => {
    const r = await client.auth.test();
    expect(r).toMatchObject({
      ok: true,
      team_id: 'T0PACSDESK',
      user_id: ws.botUserId,
      bot_id: ws.botId,
      user: 'pacs-desk',
    });
    expect(r.url).toBe(`${ws.url}/`);
  });

  it('chat.postMessage posts, threads replies and counts them on the parent', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Hello*' } }];
    const parent = await client.chat.postMessage({ channel: 'C0RADHELP', text: 'Hello', blocks, unfurl_links: false });
    expect(parent).toMatchObject({
      ok: true,
      channel: 'C0RADHELP',
      message: { text: 'Hello', bot_id: ws.botId, user: ws.botUserId, blocks },
    });
    expect(parent.ts).toMatch(/^\d+\.\d{6}$/);
    const reply = await client.chat.postMessage({ channel: 'C0RADHELP', text: 'In thread', thread_ts: parent.ts });
    expect(reply.message?.thread_ts).toBe(parent.ts);
    const replies = await client.conversations.replies({ channel: 'C0RADHELP', ts: parent.ts ?? '' });
    expect(replies.messages?.map((m) => m.text)).toEqual(['Hello', 'In thread']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 1, thread_ts: parent.ts, reply_users: [ws.botUserId] });
    const history = await client.conversations.history({ channel: 'C0RADHELP' });
    expect(history.messages?.[0]?.ts).toBe(parent.ts);
  });

  it('chat.postEphemeral stores a message only for that user', async () => {
    const r = await client.chat.postEphemeral({ channel: 'C0PTRIAGE', user: CLINICIAN, text: 'psst' });
    expect(r.message_ts).toMatch(/^\d+\.\d{6}$/);
    const m = await ws.waitForMessage({ channel: 'pacs-triage', ephemeralFor: 'clinician', textIncludes: 'psst' });
    expect(m.ephemeral_for).toBe(CLINICIAN);
    const history = await client.conversations.history({ channel: 'C0PTRIAGE' });
    expect(history.messages?.some((x) => x.text === 'psst')).toBe(false);
    await expect(
      client.chat.postEphemeral({ channel: 'C0PTRIAGE', user: 'U0NOBODY', text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('chat.update, chat.getPermalink and chat.delete act on the bot’s messages', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0PTRIAGE', text: 'v1' });
    const ts = posted.ts ?? '';
    const updated = await client.chat.update({ channel: 'C0PTRIAGE', ts, text: 'v2' });
    expect(updated).toMatchObject({ ok: true, channel: 'C0PTRIAGE', ts, text: 'v2' });
    const link = await client.chat.getPermalink({ channel: 'C0PTRIAGE', message_ts: ts });
    expect(link.permalink).toBe(`${ws.url}/#/c/C0PTRIAGE/p${ts.replace('.', '')}`);
    await client.chat.delete({ channel: 'C0PTRIAGE', ts });
    await expect(client.chat.update({ channel: 'C0PTRIAGE', ts, text: 'v3' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('chat.update refuses another user’s message', async () => {
    const { ts } = await testApi<{ ts: string }>(ws, 'post', {
      user: 'clinician',
      channel: 'pacs-triage',
      text: 'mine',
    });
    await expect(client.chat.update({ channel: 'C0PTRIAGE', ts, text: 'x' })).rejects.toMatchObject({
      data: { error: 'cant_update_message' },
    });
  });

  it('streams with chat.startStream / appendStream / stopStream', async () => {
    const { ts: parent } = await testApi<{ ts: string }>(ws, 'post', {
      user: 'clinician',
      channel: 'dm',
      text: 'question',
    });
    await expect(client.chat.startStream({ channel: 'D0CLINIC1' } as never)).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    const start = await client.chat.startStream({ channel: 'D0CLINIC1', thread_ts: parent, markdown_text: 'Hel' });
    const ts = start.ts ?? '';
    await client.chat.appendStream({ channel: 'D0CLINIC1', ts, markdown_text: 'lo ' });
    const stop = await client.chat.stopStream({ channel: 'D0CLINIC1', ts, markdown_text: 'world' });
    expect(stop.ok).toBe(true);
    const m = await ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: parent, streaming: false });
    expect(m.text).toBe('Hello world');
    await expect(client.chat.appendStream({ channel: 'D0CLINIC1', ts, markdown_text: '!' })).rejects.toMatchObject({
      data: { error: 'message_not_in_streaming_state' },
    });
    // Buttons swapped under the streamed text keep it; a body (markdown block) replaces it, as in Slack.
    const footer = [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Sources' }] }];
    await client.chat.update({ channel: 'D0CLINIC1', ts, text: 'n', blocks: footer });
    expect((await ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: parent, streaming: false })).streamed).toBe(
      true,
    );
    const body = [{ type: 'markdown', text: 'Quoted answer' }, ...footer];
    await client.chat.update({ channel: 'D0CLINIC1', ts, text: 'Quoted answer', blocks: body as never });
    const replaced = await ws.waitForMessage({ channel: 'D0CLINIC1', thread_ts: parent, streaming: false });
    expect(replaced).toMatchObject({ text: 'Quoted answer', streamed: false });
  });

  it('views.open / push / update with trigger_ids, stack limit and hash checks', async () => {
    const opened = await client.views.open({ trigger_id: await trigger(), view: modal() });
    const view = opened.view as { id: string; hash: string; root_view_id: string; state: unknown };
    expect(view).toMatchObject({ root_view_id: view.id, state: { values: {} }, callback_id: 'ticket_modal' });
    expect(view.id).toMatch(/^V/);
    await expect(client.views.open({ trigger_id: 'nope', view: modal() })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
    const used = await trigger();
    await client.views.push({ trigger_id: used, view: modal('Second') });
    await expect(client.views.push({ trigger_id: used, view: modal('Again') })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    await client.views.push({ trigger_id: await trigger(), view: modal('Third') });
    await expect(client.views.push({ trigger_id: await trigger(), view: modal('Fourth') })).rejects.toMatchObject({
      data: { error: 'push_limit_reached' },
    });
    await expect(
      client.views.update({ view_id: view.id, hash: 'stale', view: modal('Renamed') }),
    ).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    const updated = await client.views.update({ view_id: view.id, hash: view.hash, view: modal('Renamed') });
    expect(updated.view).toMatchObject({ id: view.id, title: { text: 'Renamed' } });
    const stack = await testApi<{ title: string }[]>(ws, `views?user=clinician`);
    expect(stack.map((v) => v.title)).toEqual(['Renamed', 'Second', 'Third']);
    await expect(
      client.views.open({ trigger_id: await trigger(), view: modal('A title that is far too long') }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });

  it('views.update finds a view by external_id', async () => {
    await client.views.open({ trigger_id: await trigger(), view: { ...modal(), external_id: 'ext-1' } });
    const r = await client.views.update({ external_id: 'ext-1', view: modal('By external id') });
    expect(r.view).toMatchObject({ external_id: 'ext-1', title: { text: 'By external id' } });
  });

  it('views.publish stores the Home tab per user', async () => {
    const r = await client.views.publish({ user_id: CLINICIAN, view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(r.view).toMatchObject({ type: 'home' });
    const home = await testApi<{ blocks: unknown[] }>(ws, 'home?user=clinician');
    expect(home.blocks).toHaveLength(1);
  });

  it('reactions.add refuses a second identical reaction', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0RADHELP', text: 'react to me' });
    await client.reactions.add({ channel: 'C0RADHELP', timestamp: ts ?? '', name: 'eyes' });
    await expect(
      client.reactions.add({ channel: 'C0RADHELP', timestamp: ts ?? '', name: 'eyes' }),
    ).rejects.toMatchObject({
      data: { error: 'already_reacted' },
    });
  });

  it('users.info returns Slack user objects', async () => {
    const r = await client.users.info({ user: CLINICIAN });
    expect(r.user).toMatchObject({ id: CLINICIAN, is_bot: false, deleted: false, is_restricted: false });
    expect(r.user?.profile).toMatchObject({ real_name: 'Dr. Casey Clinician', display_name: 'Casey' });
    const bot = await client.users.info({ user: ws.botUserId });
    expect(bot.user?.is_bot).toBe(true);
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });

  it('usergroups.list and usergroups.users.list', async () => {
    const list = await client.usergroups.list({ include_users: true });
    const associates = list.usergroups?.find((g) => g.handle === 'pacs-associates');
    expect(associates?.users).toEqual(['U0ASSOC01', 'U0ADMIN01']);
    const admins = await client.usergroups.users.list({
      usergroup: list.usergroups?.find((g) => g.handle === 'pacs-admins')?.id ?? '',
    });
    expect(admins.users).toEqual(['U0ADMIN01']);
  });

  it('conversations.open and conversations.info', async () => {
    const open = await client.conversations.open({ users: CLINICIAN });
    expect(open.channel?.id).toBe('D0CLINIC1');
    const info = await client.conversations.info({ channel: 'C0RADHELP' });
    expect(info.channel).toMatchObject({ id: 'C0RADHELP', name: 'radiology-help', is_channel: true, is_member: true });
    const im = await client.conversations.info({ channel: 'D0CLINIC1' });
    expect(im.channel).toMatchObject({ is_im: true, user: CLINICIAN });
    await expect(client.conversations.replies({ channel: 'C0RADHELP', ts: '1.000001' })).rejects.toMatchObject({
      data: { error: 'thread_not_found' },
    });
  });

  it('assistant.threads.* store status, prompts and title', async () => {
    const { ts } = await testApi<{ ts: string }>(ws, 'post', { user: 'associate', channel: 'dm', text: 'hi' });
    await client.assistant.threads.setStatus({ channel_id: 'D0ASSOC01', thread_ts: ts, status: 'is thinking…' });
    await client.assistant.threads.setSuggestedPrompts({
      channel_id: 'D0ASSOC01',
      prompts: [{ title: 'Study', message: 'Status of ACC1?' }],
    });
    await client.assistant.threads.setTitle({ channel_id: 'D0ASSOC01', thread_ts: ts, title: 'Hi' });
    const state = await testApi(ws, `assistant?channel=D0ASSOC01&thread_ts=${ts}`);
    expect(state).toMatchObject({ status: 'is thinking…', title: 'Hi' });
    await client.chat.postMessage({ channel: 'D0ASSOC01', thread_ts: ts, text: 'answer' });
    expect(await testApi(ws, `assistant?channel=D0ASSOC01&thread_ts=${ts}`)).toMatchObject({ status: '' });
  });
});

import type { Ctx } from '../context.js';
import { TestApiError } from '../errors.js';
import { envelope } from '../events.js';
import { saveMessage } from '../messaging.js';
import { createResponseUrl } from '../response-url.js';
import type { Json } from '../types.js';
import { actionFor, channelRef, findElement, interactionBase, payloadMessage } from './payloads.js';
import { channelFor, optionalString, persona } from './resolve.js';

async function sendInteraction(ctx: Ctx, payload: Json): Promise<Json> {
  const r = await ctx.delivery.sendForm('interactivity', { payload: JSON.stringify(payload) });
  return { status: r.status, outcome: r.outcome, trigger_id: payload.trigger_id };
}

/** `POST /api/test/click`: a button/select in a message (`channel`, `ts`) or in a modal/Home view (`view_id`). */
export async function testClick(ctx: Ctx, body: Json): Promise<Json> {
  const p = persona(body);
  const actionId = optionalString(body, 'action_id') ?? '';
  const value = optionalString(body, 'value');
  const triggerId = ctx.triggers.issue(p.id);
  const viewId = optionalString(body, 'view_id');
  if (viewId) {
    const v = ctx.views.get(viewId);
    if (!v || v.user !== p.id) throw new TestApiError('view_not_found', `No view ${viewId} for ${p.persona}`);
    const found = findElement(v.blocks, actionId);
    if (!found) throw new TestApiError('action_not_found', `No element with action_id ${actionId} in view ${viewId}`);
    const values = (body.values as Json | undefined) ?? {};
    return sendInteraction(ctx, {
      ...interactionBase(p, 'block_actions', triggerId),
      container: { type: 'view', view_id: v.id },
      view: { ...v.view, state: { values } },
      actions: [actionFor(found.block, found.element, value, ctx.messages.nextTs())],
    });
  }
  const channel = channelFor(body, p);
  const ts = optionalString(body, 'ts') ?? '';
  const m = ctx.messages.get(channel.id, ts);
  if (!m || (m.ephemeral_for && m.ephemeral_for !== p.id))
    throw new TestApiError('message_not_found', `No message ${ts} in ${channel.name}`);
  const found = findElement(m.blocks, actionId);
  if (!found) throw new TestApiError('action_not_found', `No element with action_id ${actionId} in message ${ts}`);
  const ephemeral = Boolean(m.ephemeral_for);
  const payload: Json = {
    ...interactionBase(p, 'block_actions', triggerId),
    container: {
      type: 'message',
      message_ts: m.ts,
      channel_id: channel.id,
      is_ephemeral: ephemeral,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    },
    channel: channelRef(channel),
    // Slack omits the message for ephemeral sources; the bot answers through response_url.
    ...(ephemeral ? {} : { message: payloadMessage(m) }),
    state: { values: (body.values as Json | undefined) ?? {} },
    response_url: createResponseUrl(ctx, {
      channel: channel.id,
      user: p.id,
      source: { channel: channel.id, ts: m.ts },
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    }),
    actions: [actionFor(found.block, found.element, value, ctx.messages.nextTs())],
  };
  return sendInteraction(ctx, payload);
}

/** `POST /api/test/shortcut`: a global shortcut, or a message shortcut when `channel` and `ts` are given. */
export async function testShortcut(ctx: Ctx, body: Json): Promise<Json> {
  const p = persona(body);
  const callbackId = optionalString(body, 'callback_id') ?? '';
  const triggerId = ctx.triggers.issue(p.id);
  const actionTs = ctx.messages.nextTs();
  if (!optionalString(body, 'channel') || !optionalString(body, 'ts'))
    return sendInteraction(ctx, {
      ...interactionBase(p, 'shortcut', triggerId),
      callback_id: callbackId,
      action_ts: actionTs,
    });
  const channel = channelFor(body, p);
  const m = ctx.messages.get(channel.id, String(body.ts));
  if (!m || m.ephemeral_for)
    throw new TestApiError('message_not_found', `No message ${String(body.ts)} in ${channel.name}`);
  return sendInteraction(ctx, {
    ...interactionBase(p, 'message_action', triggerId),
    callback_id: callbackId,
    action_ts: actionTs,
    channel: channelRef(channel),
    message_ts: m.ts,
    message: payloadMessage(m),
    response_url: createResponseUrl(ctx, {
      channel: channel.id,
      user: p.id,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    }),
  });
}

/** `POST /api/test/react`: a person adds a reaction; sends `reaction_added`. */
export async function testReact(ctx: Ctx, body: Json): Promise<Json> {
  const p = persona(body);
  const channel = channelFor(body, p);
  const m = ctx.messages.get(channel.id, optionalString(body, 'ts') ?? '');
  if (!m || m.ephemeral_for)
    throw new TestApiError('message_not_found', `No message ${String(body.ts)} in ${channel.name}`);
  const name = (optionalString(body, 'name') ?? '').replace(/:/g, '');
  if (!name) throw new TestApiError('invalid_name', 'name is required');
  const r = m.reactions.find((x) => x.name === name);
  if (r?.users.includes(p.id)) throw new TestApiError('already_reacted');
  if (r) Object.assign(r, { users: [...r.users, p.id], count: r.count + 1 });
  else m.reactions.push({ name, users: [p.id], count: 1 });
  saveMessage(ctx, m);
  const event = {
    type: 'reaction_added',
    user: p.id,
    reaction: name,
    item_user: m.user,
    item: { type: 'message', channel: channel.id, ts: m.ts },
    event_ts: ctx.messages.nextTs(),
  };
  const d = await ctx.delivery.sendEvent(envelope(event, ctx.now()));
  return { status: d.status, outcome: d.outcome };
}

/** `POST /api/test/open-home`: `app_home_opened` (tab `home` by default, or `messages`). */
export async function testOpenHome(ctx: Ctx, body: Json): Promise<Json> {
  const p = persona(body);
  const tab = body.tab === 'messages' ? 'messages' : 'home';
  const home = ctx.views.home(p.id);
  const event = {
    type: 'app_home_opened',
    user: p.id,
    channel: p.dm,
    tab,
    event_ts: ctx.messages.nextTs(),
    ...(home && tab === 'home' ? { view: home.view } : {}),
  };
  const d = await ctx.delivery.sendEvent(envelope(event, ctx.now()));
  return { status: d.status, outcome: d.outcome };
}

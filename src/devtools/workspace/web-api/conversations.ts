import type { Ctx } from '../context.js';
import { type ChannelInfo, findChannel, findPersona } from '../directory.js';
import { ApiError, bool, objArg, requireStr, str } from '../errors.js';
import { apiMessage } from '../events.js';
import { BOT_USER_ID, TEAM_ID } from '../ids.js';
import { saveMessage, setAssistantThread } from '../messaging.js';
import { overridesOf } from '../overrides.js';
import { CREATED_AT } from '../seed.js';
import type { Json, StoredMessage } from '../types.js';
import { channelArg, type MethodTable } from './common.js';

function channelObject(c: ChannelInfo): Json {
  if (c.isIm)
    return {
      id: c.id,
      created: CREATED_AT,
      is_im: true,
      is_org_shared: false,
      context_team_id: TEAM_ID,
      user: c.user,
      is_user_deleted: false,
      priority: 0,
      is_open: true,
    };
  return {
    id: c.id,
    name: c.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: false,
    created: CREATED_AT,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_member: true,
    context_team_id: TEAM_ID,
    creator: findPersona('admin')?.id,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: c.purpose, creator: '', last_set: 0 },
    num_members: c.members.length,
  };
}

/** Slack's message shape including thread summary fields. */
function withThreadInfo(ctx: Ctx, m: StoredMessage): Json {
  if (m.thread_ts !== m.ts) return apiMessage(m);
  const replies = ctx.messages.replies(m.channel, m.ts).filter((r) => !r.ephemeral_for);
  const users = [...new Set(replies.map((r) => r.user ?? ''))].filter(Boolean);
  return apiMessage(m, users, replies.at(-1)?.ts);
}

/** limit/cursor paging as Slack: `response_metadata.next_cursor` is empty on the last page. */
function page(args: Json, items: Json[]): Json {
  const limit = Math.min(Math.max(Number(str(args, 'limit') ?? 100) || 100, 1), 1000);
  const start = Number(Buffer.from(str(args, 'cursor') ?? '', 'base64').toString() || 0) || 0;
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    messages: slice,
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(String(start + limit)).toString('base64') : '' },
  };
}

function inRange(args: Json, ts: string): boolean {
  const inclusive = bool(args, 'inclusive');
  const oldest = str(args, 'oldest');
  const latest = str(args, 'latest');
  const n = Number(ts);
  if (oldest && (inclusive ? n < Number(oldest) : n <= Number(oldest))) return false;
  if (latest && (inclusive ? n > Number(latest) : n >= Number(latest))) return false;
  return true;
}

function reactionTarget(ctx: Ctx, args: Json): StoredMessage {
  const channel = channelArg(args);
  const m = ctx.messages.get(channel.id, requireStr(args, 'timestamp'));
  if (!m || m.ephemeral_for) throw new ApiError('message_not_found');
  return m;
}

export const conversationMethods: MethodTable = {
  'conversations.open': (args) => {
    const users = (str(args, 'users') ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u && u !== BOT_USER_ID);
    const byChannel = str(args, 'channel') ? findChannel(str(args, 'channel') ?? '') : undefined;
    if (!byChannel && users.length !== 1)
      throw new ApiError(users.length ? 'not_supported' : 'users_list_not_supplied');
    const c = byChannel ?? findChannel(users[0] ?? '');
    if (!c) throw new ApiError(byChannel ? 'channel_not_found' : 'user_not_found');
    return bool(args, 'return_im')
      ? { no_op: true, already_open: true, channel: channelObject(c) }
      : { no_op: true, already_open: true, channel: { id: c.id } };
  },

  'conversations.info': (args, ctx) => {
    const c = channelArg(args);
    return { channel: { ...channelObject(c), ...overridesOf(ctx).channels.get(c.id) } };
  },

  'conversations.members': (args) => ({ members: channelArg(args).members, response_metadata: { next_cursor: '' } }),

  'conversations.list': () => ({
    channels: ['C0RADHELP', 'C0PTRIAGE', 'C0PMANAGE'].map((id) => channelObject(findChannel(id) as ChannelInfo)),
    response_metadata: { next_cursor: '' },
  }),

  'conversations.replies': (args, ctx) => {
    const channel = channelArg(args);
    const ts = requireStr(args, 'ts');
    const m = ctx.messages.get(channel.id, ts);
    if (!m || m.ephemeral_for) throw new ApiError('thread_not_found');
    const root = m.thread_ts ?? m.ts;
    const all = ctx.messages.list(channel.id, root).filter((x) => !x.ephemeral_for);
    const [parent, ...rest] = all;
    const items = [...(parent ? [parent] : []), ...rest.filter((x) => inRange(args, x.ts))].map((x) =>
      withThreadInfo(ctx, x),
    );
    return page(args, items);
  },

  'conversations.history': (args, ctx) => {
    const channel = channelArg(args);
    const items = ctx.messages
      .list(channel.id)
      .filter((m) => !m.ephemeral_for && inRange(args, m.ts))
      .reverse()
      .map((m) => withThreadInfo(ctx, m));
    return { ...page(args, items), pin_count: 0 };
  },

  'reactions.add': (args, ctx) => {
    const m = reactionTarget(ctx, args);
    const name = requireStr(args, 'name').replace(/:/g, '');
    const r = m.reactions.find((x) => x.name === name);
    if (r?.users.includes(BOT_USER_ID)) throw new ApiError('already_reacted');
    if (r) Object.assign(r, { users: [...r.users, BOT_USER_ID], count: r.count + 1 });
    else m.reactions.push({ name, users: [BOT_USER_ID], count: 1 });
    saveMessage(ctx, m);
    return {};
  },

  'reactions.remove': (args, ctx) => {
    const m = reactionTarget(ctx, args);
    const name = requireStr(args, 'name').replace(/:/g, '');
    const r = m.reactions.find((x) => x.name === name);
    if (!r?.users.includes(BOT_USER_ID)) throw new ApiError('no_reaction');
    r.users = r.users.filter((u) => u !== BOT_USER_ID);
    r.count = r.users.length;
    m.reactions = m.reactions.filter((x) => x.count > 0);
    saveMessage(ctx, m);
    return {};
  },

  'reactions.get': (args, ctx) => {
    const m = reactionTarget(ctx, args);
    return { type: 'message', channel: m.channel, message: apiMessage(m) };
  },

  'assistant.threads.setStatus': (args, ctx) => {
    const channel = channelArg(args, 'channel_id');
    const loading = objArg(args, 'loading_messages');
    if (Array.isArray(loading) && loading.length > 10) throw new ApiError('invalid_arguments');
    setAssistantThread(ctx, channel.id, requireStr(args, 'thread_ts'), {
      status: str(args, 'status') ?? '',
      loading_messages: loading ?? [],
      status_at: ctx.now(),
    });
    return {};
  },

  'assistant.threads.setSuggestedPrompts': (args, ctx) => {
    const channel = channelArg(args, 'channel_id');
    const prompts = objArg(args, 'prompts');
    if (!Array.isArray(prompts) || prompts.length > 4) throw new ApiError('invalid_arguments');
    setAssistantThread(ctx, channel.id, str(args, 'thread_ts'), { prompts, prompts_title: str(args, 'title') ?? '' });
    return {};
  },

  'assistant.threads.setTitle': (args, ctx) => {
    const channel = channelArg(args, 'channel_id');
    setAssistantThread(ctx, channel.id, requireStr(args, 'thread_ts'), { title: requireStr(args, 'title') });
    return {};
  },
};

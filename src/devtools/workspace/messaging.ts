import type { Ctx } from './context.js';
import type { DeliveryResult } from './delivery.js';
import { type ChannelInfo, findChannel } from './directory.js';
import { botMessageObject, envelope, userMessageEvents } from './events.js';
import { BOT_ID, BOT_USER_ID } from './ids.js';
import type { Json, StoredMessage } from './types.js';

export type NewMessage = Omit<StoredMessage, 'ts' | 'reply_count' | 'reactions'>;

/**
 * Stores a message (user or bot) and emits it. A `thread_ts` naming a reply is normalised to its parent,
 * and the parent becomes a thread parent (`thread_ts === ts`), as on Slack.
 */
export function addMessage(ctx: Ctx, input: NewMessage): StoredMessage {
  let parent: StoredMessage | undefined;
  const m: StoredMessage = { ...input, ts: ctx.messages.nextTs(), reply_count: 0, reactions: [] };
  if (input.thread_ts) {
    parent = ctx.messages.get(input.channel, input.thread_ts);
    if (parent?.thread_ts && parent.thread_ts !== parent.ts) parent = ctx.messages.get(input.channel, parent.thread_ts);
    if (parent) m.thread_ts = parent.ts;
  }
  const stored = ctx.messages.insert(m);
  if (parent && !stored.ephemeral_for && parent.thread_ts !== parent.ts) {
    parent.thread_ts = parent.ts;
    ctx.messages.save(parent);
  }
  if (stored.bot_id && stored.thread_ts) clearAssistantStatus(ctx, stored.channel, stored.thread_ts);
  emitMessage(ctx, stored);
  if (parent) emitMessage(ctx, ctx.messages.get(parent.channel, parent.ts) ?? parent);
  return stored;
}

export function emitMessage(ctx: Ctx, m: StoredMessage): void {
  ctx.bus.emit('message', m);
}

export function saveMessage(ctx: Ctx, m: StoredMessage): StoredMessage {
  ctx.messages.save(m);
  const fresh = ctx.messages.get(m.channel, m.ts) ?? m;
  emitMessage(ctx, fresh);
  return fresh;
}

/** Stores what a person typed and delivers `message` / `app_mention`; resolves once the bot answered. */
export async function postAsUser(
  ctx: Ctx,
  user: string,
  channel: ChannelInfo,
  text: string,
  threadTs?: string,
): Promise<{ message: StoredMessage; deliveries: (DeliveryResult & { eventId: string })[] }> {
  const message = addMessage(ctx, { channel: channel.id, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  const parentUser = message.thread_ts ? ctx.messages.get(channel.id, message.thread_ts)?.user : undefined;
  const deliveries: (DeliveryResult & { eventId: string })[] = [];
  for (const event of userMessageEvents(message, channel, parentUser)) {
    const sent = envelope(event, ctx.now());
    deliveries.push({ ...(await ctx.delivery.sendEvent(sent)), eventId: String(sent.event_id) });
  }
  return { message, deliveries };
}

/** Slack echoes the bot's own posts as `message` events (Bolt's ignoreSelf drops them). Fire and forget. */
export function echoBotMessage(ctx: Ctx, m: StoredMessage): void {
  if (!ctx.echoBotMessages || m.ephemeral_for) return;
  const channel = findChannel(m.channel);
  const event: Json = {
    ...botMessageObject(m),
    channel: m.channel,
    event_ts: m.ts,
    channel_type: channel?.isIm ? 'im' : 'channel',
  };
  if (m.thread_ts && m.thread_ts !== m.ts) event.parent_user_id = ctx.messages.get(m.channel, m.thread_ts)?.user;
  void ctx.delivery.sendEvent(envelope(event, ctx.now())).catch(() => undefined);
}

export function botMessage(channel: string, fields: Partial<NewMessage>): NewMessage {
  return { text: '', ...fields, channel, user: BOT_USER_ID, bot_id: BOT_ID };
}

export function assistantKey(channel: string, threadTs?: string): [string, string] {
  return [channel, threadTs ?? ''];
}

export function getAssistantThread(ctx: Ctx, channel: string, threadTs?: string): Json {
  const row = ctx.db
    .prepare('SELECT data FROM assistant_threads WHERE channel = ? AND thread_ts = ?')
    .get(...assistantKey(channel, threadTs)) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Json) : {};
}

export function setAssistantThread(ctx: Ctx, channel: string, threadTs: string | undefined, patch: Json): Json {
  const next = { ...getAssistantThread(ctx, channel, threadTs), ...patch };
  ctx.db
    .prepare('INSERT OR REPLACE INTO assistant_threads (channel, thread_ts, data) VALUES (?, ?, ?)')
    .run(...assistantKey(channel, threadTs), JSON.stringify(next));
  ctx.bus.emit('assistant', { channel, thread_ts: threadTs ?? '', ...next });
  return next;
}

/** Slack clears the "is thinking…" status when the app replies in the thread. */
function clearAssistantStatus(ctx: Ctx, channel: string, threadTs: string): void {
  const current = getAssistantThread(ctx, channel, threadTs);
  if (current.status) setAssistantThread(ctx, channel, threadTs, { status: '', loading_messages: [] });
}

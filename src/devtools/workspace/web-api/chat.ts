import { isKnownUser } from '../directory.js';
import { ApiError, RateLimitedError, requireStr, str } from '../errors.js';
import { botMessageObject } from '../events.js';
import { BOT_USER_ID } from '../ids.js';
import { addMessage, botMessage, echoBotMessage, saveMessage } from '../messaging.js';
import type { StoredMessage } from '../types.js';
import { channelArg, contentArgs, type MethodTable } from './common.js';

/** The bot's own, non-ephemeral message, or Slack's error. */
export function ownMessage(found: StoredMessage | undefined, denied: string): StoredMessage {
  if (!found || found.ephemeral_for) throw new ApiError('message_not_found');
  if (found.user !== BOT_USER_ID) throw new ApiError(denied);
  return found;
}

export const chatMethods: MethodTable = {
  'chat.postMessage': (args, ctx) => {
    const channel = channelArg(args);
    const wait = ctx.limiter.take(channel.id);
    if (wait > 0) throw new RateLimitedError(wait);
    const content = contentArgs(args);
    const threadTs = str(args, 'thread_ts');
    const m = addMessage(
      ctx,
      botMessage(channel.id, { ...content, text: content.text ?? '', ...(threadTs ? { thread_ts: threadTs } : {}) }),
    );
    echoBotMessage(ctx, m);
    return { channel: channel.id, ts: m.ts, message: botMessageObject(m) };
  },

  'chat.postEphemeral': (args, ctx) => {
    const channel = channelArg(args);
    const user = requireStr(args, 'user');
    if (!isKnownUser(user)) throw new ApiError('user_not_found');
    if (!channel.members.includes(user)) throw new ApiError('user_not_in_channel');
    const content = contentArgs(args);
    const threadTs = str(args, 'thread_ts');
    const m = addMessage(
      ctx,
      botMessage(channel.id, {
        ...content,
        text: content.text ?? '',
        ephemeral_for: user,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
    return { message_ts: m.ts };
  },

  'chat.update': (args, ctx) => {
    const channel = channelArg(args);
    const ts = requireStr(args, 'ts');
    const m = ownMessage(ctx.messages.get(channel.id, ts), 'cant_update_message');
    const content = contentArgs(args);
    const next: StoredMessage = {
      ...m,
      ...content,
      text: content.text ?? m.text,
      edited: { user: BOT_USER_ID, ts: ctx.messages.nextTs() },
    };
    // Blocks that carry their own body (a markdown block) replace a streamed message's text, as in Slack; blocks
    // sent back without one (buttons swapped under a streamed answer) keep the streamed text.
    if (m.streamed && content.blocks?.some((b) => (b as { type?: string }).type === 'markdown')) next.streamed = false;
    const saved = saveMessage(ctx, next);
    return { channel: channel.id, ts, text: saved.text, message: botMessageObject(saved) };
  },

  'chat.delete': (args, ctx) => {
    const channel = channelArg(args);
    const ts = requireStr(args, 'ts');
    ownMessage(ctx.messages.get(channel.id, ts), 'cant_delete_message');
    ctx.messages.delete(channel.id, ts);
    ctx.bus.emit('deleted', { channel: channel.id, ts });
    return { channel: channel.id, ts };
  },

  'chat.getPermalink': (args, ctx) => {
    const channel = channelArg(args);
    const ts = requireStr(args, 'message_ts');
    const m = ctx.messages.get(channel.id, ts);
    if (!m) throw new ApiError('message_not_found');
    const thread = m.thread_ts && m.thread_ts !== m.ts ? `?thread_ts=${m.thread_ts}` : '';
    return { channel: channel.id, permalink: `${ctx.url}/#/c/${channel.id}/p${ts.replace('.', '')}${thread}` };
  },
};

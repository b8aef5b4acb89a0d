import { randomUUID } from 'node:crypto';
import type { ChannelInfo } from './directory.js';
import { APP_ID, BOT_ID, BOT_NAME, BOT_USER_ID, randomId, TEAM_ID, VERIFICATION_TOKEN } from './ids.js';
import type { Json, StoredMessage } from './types.js';

/** The Events API envelope around one event (docs.slack.dev/apis/events-api). */
export function envelope(event: Json, nowMs: number): Json {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    context_team_id: TEAM_ID,
    context_enterprise_id: null,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: randomId('Ev', 10),
    event_time: Math.floor(nowMs / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ t: TEAM_ID, c: event.channel ?? '' })).toString('base64url')}`,
  };
}

/** The rich_text block Slack attaches to a typed message. */
export function richTextFor(text: string): unknown[] {
  return [
    {
      type: 'rich_text',
      block_id: randomId('', 5).toLowerCase(),
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

/** `message` (and `app_mention` when the bot is mentioned) for a message a person typed. */
export function userMessageEvents(m: StoredMessage, channel: ChannelInfo, parentUser?: string): Json[] {
  const base: Json = {
    user: m.user,
    type: 'message',
    ts: m.ts,
    client_msg_id: randomUUID(),
    text: m.text,
    team: TEAM_ID,
    blocks: m.blocks ?? richTextFor(m.text),
    channel: m.channel,
    event_ts: m.ts,
    channel_type: channel.isIm ? 'im' : 'channel',
  };
  if (m.thread_ts && m.thread_ts !== m.ts) Object.assign(base, { thread_ts: m.thread_ts, parent_user_id: parentUser });
  const events = [base];
  if (!channel.isIm && m.text.includes(`<@${BOT_USER_ID}>`)) {
    const { channel_type: _ct, parent_user_id: _pu, ...rest } = base;
    events.push({ ...rest, type: 'app_mention' });
  }
  return events;
}

export const botProfile = {
  id: BOT_ID,
  deleted: false,
  name: BOT_NAME,
  updated: 1_700_000_000,
  app_id: APP_ID,
  icons: { image_36: '', image_48: '', image_72: '' },
  team_id: TEAM_ID,
};

/** The `message` object Slack returns for a bot post and echoes as an event. */
export function botMessageObject(m: StoredMessage): Json {
  const o: Json = {
    user: BOT_USER_ID,
    type: 'message',
    ts: m.ts,
    bot_id: BOT_ID,
    app_id: APP_ID,
    text: m.text,
    team: TEAM_ID,
    bot_profile: botProfile,
  };
  if (m.blocks) o.blocks = m.blocks;
  if (m.attachments) o.attachments = m.attachments;
  if (m.metadata) o.metadata = m.metadata;
  if (m.thread_ts) o.thread_ts = m.thread_ts;
  if (m.edited) o.edited = m.edited;
  return o;
}

/** Slack's shape of a stored message in conversations.history / replies. */
export function apiMessage(m: StoredMessage, replyUsers: string[] = [], latestReply?: string): Json {
  const o: Json = m.bot_id
    ? botMessageObject(m)
    : { user: m.user, type: 'message', ts: m.ts, text: m.text, team: TEAM_ID, blocks: m.blocks ?? richTextFor(m.text) };
  if (m.thread_ts) o.thread_ts = m.thread_ts;
  if (m.thread_ts === m.ts)
    Object.assign(o, {
      reply_count: m.reply_count,
      reply_users_count: replyUsers.length,
      reply_users: replyUsers,
      latest_reply: latestReply,
      is_locked: false,
      subscribed: false,
    });
  if (m.reactions.length) o.reactions = m.reactions;
  if (m.edited) o.edited = m.edited;
  return o;
}

import type { WebClient } from '@slack/web-api';
import type { Turn } from '../answers/types.js';
import { stripMention } from './format/escape.js';

/** Earlier turns of a thread, oldest first, without the message being answered; at most `max`. */
export async function readThreadHistory(
  client: WebClient,
  args: { channel: string; threadTs: string; currentTs: string; botUserId?: string; max?: number },
): Promise<Turn[]> {
  const replies = await client.conversations.replies({ channel: args.channel, ts: args.threadTs, limit: 50 });
  const turns: Turn[] = [];
  for (const m of replies.messages ?? []) {
    if (m.ts === args.currentTs || !m.text) continue;
    const fromBot = Boolean(m.bot_id) || (args.botUserId !== undefined && m.user === args.botUserId);
    const text = fromBot ? m.text : stripMention(m.text, args.botUserId);
    if (text) turns.push({ role: fromBot ? 'assistant' : 'user', text: text.slice(0, 2000) });
  }
  return turns.slice(-(args.max ?? 6));
}

import type { WebClient } from '@slack/web-api';
import { readThreadHistory } from '../thread-history.js';

/**
 * What the person asked, read back from the thread when a ticket form opens. The question is theirs and may
 * hold patient details: it goes only into their own form (they edit it before submitting), never into a log,
 * and it is not kept by the bot.
 */
export async function askedInThread(
  client: WebClient,
  args: { channel: string; threadTs: string; botUserId?: string; max?: number },
): Promise<{ question: string; transcript: string }> {
  const turns = await readThreadHistory(client, { ...args, currentTs: '' }).catch(() => []);
  const question = [...turns].reverse().find((t) => t.role === 'user')?.text ?? '';
  const transcript = turns.map((t) => `${t.role === 'user' ? 'Asked' : 'PACS Desk'}: ${t.text}`).join('\n');
  return { question, transcript };
}

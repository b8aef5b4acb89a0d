import type { WebClient } from '@slack/web-api';
import type { TicketStore } from '../../../tickets/store-types.js';
import type { Ticket } from '../../../tickets/types.js';

/**
 * The message at `ts` and the ticket whose card thread it is in (the card itself counts): found through the
 * ticket store's card channel and ts, so every queue's triage channel works, not only TRIAGE_CHANNEL.
 */
export async function findCardReply(
  client: WebClient,
  store: TicketStore,
  channel: string,
  ts: string,
): Promise<{ ticket: Ticket; text: string; isCard: boolean } | undefined> {
  // With a reply's ts, conversations.replies returns the thread's parent and, within oldest..latest, the reply.
  const found = await client.conversations
    .replies({ channel, ts, oldest: ts, latest: ts, inclusive: true, limit: 2 })
    .catch(() => undefined);
  const message = found?.messages?.find((m) => m.ts === ts);
  if (!message) return undefined;
  const threadTs = message.thread_ts ?? ts;
  const ticket = await store.findByCard(channel, threadTs);
  if (!ticket) return undefined;
  return { ticket, text: message.text ?? '', isCard: threadTs === ts };
}

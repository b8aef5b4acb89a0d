import { redactPhi } from '../../core/phi-redact.js';
import { TicketStatus } from '../../tickets/types.js';
import { escapeSlack, truncate } from '../format/escape.js';
import type { TicketContext } from './ticket-context.js';

/** A message a person sent the bot in a DM, as the DM listener reads it. */
export interface DmMessage {
  channel: string;
  user: string;
  text: string;
  thread_ts?: string;
}

/**
 * Is this DM a reply in one of the requester's ticket threads (the thread the bot started with them)? Then it
 * is an answer to the PACS team, not a question for the bot: it becomes a ticket comment, is relayed to the
 * card thread with identifiers redacted, and a ticket waiting on the requester goes back to in progress.
 * Returns true when the DM was such a reply (and was relayed), false when it is anything else.
 */
export async function relayTicketDmReply(ctx: TicketContext, message: DmMessage): Promise<boolean> {
  if (!message.thread_ts) return false;
  const key = await ctx.notifier.ticketForDmThread(message.channel, message.thread_ts);
  if (!key) return false;
  const ticket = await ctx.store.get(key);
  if (!ticket) return false;
  await ctx.store.addComment(key, message.user, message.text);
  await ctx.notifier.postInCardThread(
    ticket,
    `💬 <@${message.user}> replied: ${escapeSlack(truncate(redactPhi(message.text), 1500))}`,
  );
  if (ticket.status === TicketStatus.WaitingOnRequester) {
    await ctx.flows.changed(await ctx.store.setStatus(key, TicketStatus.InProgress, message.user));
  }
  await ctx.notifier.dmRequester(ticket, `Added to *${key}*. Thank you.`);
  return true;
}

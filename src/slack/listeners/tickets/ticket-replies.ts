import type { App } from '@slack/bolt';
import { redactPhi } from '../../../core/phi-redact.js';
import { canTriage } from '../../../core/roles.js';
import { TicketStatus } from '../../../tickets/types.js';
import { escapeSlack, truncate } from '../../format/escape.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import type { QuestionMessage } from '../events/answer-message.js';

/**
 * Replies become ticket comments: in a card's thread (internal notes by the team), and in the requester's
 * ticket DM thread (their answers, relayed to the card thread with identifiers redacted). Returns true
 * when a DM was a ticket reply, so the question-answering listener leaves it alone.
 */
export function registerTicketReplies(app: App, ctx: TicketContext): (event: DmLike) => Promise<boolean> {
  app.event('message', async ({ event, client }) => {
    if (event.subtype !== undefined || !('thread_ts' in event) || !event.thread_ts || !('user' in event) || !event.user)
      return;
    if (event.channel !== ctx.triageChannel || event.thread_ts === event.ts) return;
    const ticket = await ctx.store.findByCard(event.channel, event.thread_ts);
    if (!ticket || !('text' in event) || !event.text) return;
    // Internal notes come from the PACS team only; anyone else in the channel is told so, privately.
    if (!canTriage(await ctx.roles.roleOf(event.user))) {
      await client.chat
        .postEphemeral({
          channel: event.channel,
          user: event.user,
          thread_ts: event.thread_ts,
          text: `Only PACS associates and admins add notes to *${ticket.key}*; your reply was not added. To add to your own ticket, reply in its thread in your DM with me.`,
        })
        .catch(() => undefined);
      return;
    }
    await ctx.store.addComment(ticket.key, event.user, event.text);
  });

  return async (event) => {
    if (!event.thread_ts) return false;
    const key = await ctx.notifier.ticketForDmThread(event.channel, event.thread_ts);
    if (!key) return false;
    const ticket = await ctx.store.get(key);
    if (!ticket) return false;
    await ctx.store.addComment(key, event.user, event.text);
    await ctx.notifier.postInCardThread(
      ticket,
      `💬 <@${event.user}> replied: ${escapeSlack(truncate(redactPhi(event.text), 1500))}`,
    );
    if (ticket.status === TicketStatus.WaitingOnRequester) {
      await ctx.flows.changed(await ctx.store.setStatus(key, TicketStatus.InProgress, event.user));
    }
    await ctx.notifier.dmRequester(ticket, `Added to *${key}*. Thank you.`);
    return true;
  };
}

export type DmLike = Pick<QuestionMessage, 'channel' | 'user' | 'text' | 'thread_ts'>;

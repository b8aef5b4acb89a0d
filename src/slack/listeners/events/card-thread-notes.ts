import type { App } from '@slack/bolt';
import { canTriage } from '../../../core/roles.js';
import { triageChannels } from '../../../tickets/ticket-queues.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/**
 * A reply in a ticket card's thread (any queue's triage channel) becomes an internal note on the ticket, by the PACS team
 * only; anyone else there is told so, privately. The requester's replies come by DM (`relayTicketDmReply`).
 */
export function registerCardThreadNotes(app: App, ctx: TicketContext): void {
  app.event('message', async ({ event, client }) => {
    if (event.subtype !== undefined || !('thread_ts' in event) || !event.thread_ts || !('user' in event) || !event.user)
      return;
    if (!triageChannels(ctx).has(event.channel) || event.thread_ts === event.ts) return;
    const ticket = await ctx.store.findByCard(event.channel, event.thread_ts);
    if (!ticket || !('text' in event) || !event.text) return;
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
}

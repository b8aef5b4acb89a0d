import type { App, BlockButtonAction } from '@slack/bolt';
import { csatActionPattern } from '../../blocks/tickets/csat-blocks.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/** CSAT buttons in the requester's DM after resolution: only the requester's vote counts, once. */
export function registerTicketCsat(app: App, ctx: TicketContext): void {
  app.action<BlockButtonAction>(csatActionPattern, async ({ ack, body, action, client }) => {
    await ack();
    const [key = '', score = ''] = (action.value ?? '').split('|');
    const ticket = await ctx.store.get(key);
    if (!ticket || ticket.requesterId !== body.user.id) return;
    const result = await ctx.store.recordCsat(key, Number(score), body.user.id);
    if (!result.ok) return;
    const channel = body.channel?.id;
    const ts = body.message?.ts;
    if (channel && ts) {
      await client.chat
        .update({ channel, ts, text: `Thanks for rating *${key}*: ${result.ticket.csat ?? score}/5.`, blocks: [] })
        .catch(() => undefined);
    }
  });
}

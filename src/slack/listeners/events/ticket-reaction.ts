import type { App } from '@slack/bolt';
import { canTriage } from '../../../core/roles.js';
import { TicketCategory, Urgency } from '../../../tickets/types.js';
import { TicketReactions } from '../../ids.js';
import { firstLine } from '../../tickets/first-line.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/** An associate reacts with 🎫 to a message: a ticket for the message's author, opened from its text. */
export function registerTicketReaction(app: App, ctx: TicketContext): void {
  app.event('reaction_added', async ({ event, client }) => {
    if (!(TicketReactions as readonly string[]).includes(event.reaction) || event.item.type !== 'message') return;
    if (!canTriage(await ctx.roles.roleOf(event.user))) return;
    const { channel, ts } = event.item;
    if (!(await ctx.dedupe.claim(`reaction-ticket:${channel}:${ts}`))) return; // a second 🎫 opens nothing new
    try {
      const found = await client.conversations.replies({ channel, ts, limit: 1, inclusive: true });
      const message = found.messages?.find((m) => m.ts === ts) ?? found.messages?.[0];
      const author = message?.user ?? event.item_user;
      if (!message?.text || !author) return;
      const permalink = await client.chat
        .getPermalink({ channel, message_ts: ts })
        .then((r) => r.permalink)
        .catch(() => undefined);
      const summary = firstLine(message.text).padEnd(5, '.');
      const input = {
        summary,
        description: message.text.slice(0, 3000),
        category: TicketCategory.Other,
        urgency: Urgency.Routine,
      };
      const ticket = await ctx.flows.create(input, author, event.user, { channel, ts, permalink });
      await ctx.flows.announce(ticket, { channel, ts, permalink });
    } catch (error) {
      // Nothing was stored: let the next 🎫 try again.
      await ctx.dedupe.release(`reaction-ticket:${channel}:${ts}`);
      throw error;
    }
  });
}

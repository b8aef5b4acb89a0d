import type { App } from '@slack/bolt';
import { canTriage } from '../../../core/roles.js';
import { buildDraftOffer } from '../../blocks/drafts/draft-offer.js';
import { DraftReactions } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { findCardReply } from './draft-card-reply.js';

/** 📖 by an associate on a reply in a ticket card's thread: a private offer to draft a KB answer from it. */
export function registerDraftReaction(app: App, ctx: TicketContext): void {
  app.event('reaction_added', async ({ event, client }) => {
    if (!(DraftReactions as readonly string[]).includes(event.reaction) || event.item.type !== 'message') return;
    if (!canTriage(await ctx.roles.roleOf(event.user))) return;
    const { channel, ts } = event.item;
    const reply = await findCardReply(client, ctx.store, channel, ts);
    if (!reply || reply.isCard || !reply.text.trim()) return;
    const offer = buildDraftOffer(reply.ticket.key, channel, ts);
    await client.chat.postEphemeral({
      channel,
      user: event.user,
      thread_ts: reply.ticket.card?.ts ?? ts,
      ...offer,
    });
  });
}

import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import { slaFor } from '../../../tickets/ticket-queues.js';
import type { Urgency } from '../../../tickets/types.js';
import { ActionId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { mayTriage } from '../../tickets/triage-permission.js';

/** The urgency menu on the card (value `<key>|<urgency>`). */
export function registerTriageUrgency(app: App, ctx: TicketContext): void {
  app.action<BlockAction<StaticSelectAction>>(ActionId.TriageUrgency, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await mayTriage(ctx, body, client))) return;
    const [key = '', urgency = ''] = action.selected_option.value.split('|');
    const ticket = await ctx.store.get(key);
    if (!ticket) return;
    // The new due time follows the ticket's own queue's targets.
    const result = await ctx.store.setUrgency(key, urgency as Urgency, body.user.id, slaFor(ctx, ticket));
    await ctx.flows.changed(result);
  });
}

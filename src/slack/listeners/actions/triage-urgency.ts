import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
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
    const result = await ctx.store.setUrgency(key, urgency as Urgency, body.user.id);
    await ctx.flows.changed(result);
  });
}

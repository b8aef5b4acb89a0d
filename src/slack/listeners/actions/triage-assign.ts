import type { App, BlockButtonAction } from '@slack/bolt';
import { escapeSlack, truncate } from '../../format/escape.js';
import { ActionId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { mayTriage, tellActor } from '../../tickets/triage-permission.js';

/** "Assign to me" on the card: the first associate wins; a later one is told who holds it. */
export function registerTriageAssign(app: App, ctx: TicketContext): void {
  app.action<BlockButtonAction>(ActionId.TriageAssign, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await mayTriage(ctx, body, client))) return;
    const result = await ctx.store.assign(action.value ?? '', body.user.id, body.user.id);
    if (!result.ok) {
      const holder = result.ticket?.assigneeId;
      // The button value is client-supplied: only the stored key, or the value escaped and cut short, is shown.
      const key = result.ticket?.key ?? escapeSlack(truncate(action.value ?? '', 24));
      await tellActor(
        body,
        client,
        holder ? `${key} is already assigned to <@${holder}>.` : `${key} could not be assigned (${result.reason}).`,
      );
      return;
    }
    await ctx.flows.changed(
      result,
      (t) => `<@${body.user.id}> from the PACS team is looking at your ticket *${t.key}*.`,
    );
  });
}

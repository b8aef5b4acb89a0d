import type { App, BlockButtonAction } from '@slack/bolt';
import { TicketStatus, TimelineKind } from '../../../tickets/types.js';
import { ActionId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { mayTriage, tellActor } from '../../tickets/triage-permission.js';

/** "Escalate" on the card pages the on-call group in the card thread; a new ticket counts as triaged. */
export function registerTriageEscalate(app: App, ctx: TicketContext): void {
  app.action<BlockButtonAction>(ActionId.TriageEscalate, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await mayTriage(ctx, body, client))) return;
    const ticket = await ctx.store.get(action.value ?? '');
    if (!ticket) return;
    if (!ctx.oncallGroup) {
      await tellActor(body, client, 'No on-call group is configured (ONCALL_GROUP), so nobody can be paged.');
      return;
    }
    await ctx.store.addEntry(ticket.key, {
      actorId: body.user.id,
      kind: TimelineKind.Escalation,
      data: { group: ctx.oncallGroup },
    });
    if (ticket.status === TicketStatus.New)
      await ctx.flows.changed(await ctx.store.setStatus(ticket.key, TicketStatus.Triaged, body.user.id));
    await ctx.notifier.postInCardThread(
      ticket,
      `<!subteam^${ctx.oncallGroup}> ${ticket.key} was escalated by <@${body.user.id}> and needs on-call attention.`,
    );
  });
}

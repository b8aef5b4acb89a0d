import type { App, BlockButtonAction } from '@slack/bolt';
import { oncallGroupFor } from '../../../tickets/ticket-queues.js';
import { TicketStatus, TimelineKind } from '../../../tickets/types.js';
import { ActionId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { mayTriage, tellActor } from '../../tickets/triage-permission.js';

/** "Escalate" on the card pages its queue's on-call group in the card thread; a new ticket counts as triaged. */
export function registerTriageEscalate(app: App, ctx: TicketContext): void {
  app.action<BlockButtonAction>(ActionId.TriageEscalate, async ({ ack, body, action, client }) => {
    await ack();
    if (!(await mayTriage(ctx, body, client))) return;
    const ticket = await ctx.store.get(action.value ?? '');
    if (!ticket) return;
    const group = oncallGroupFor(ctx, ticket);
    if (!group) {
      await tellActor(
        body,
        client,
        `No on-call group is configured for the ${ticket.queue} queue (ONCALL_GROUP or the queue's oncallGroup), so nobody can be paged.`,
      );
      return;
    }
    await ctx.store.addEntry(ticket.key, {
      actorId: body.user.id,
      kind: TimelineKind.Escalation,
      data: { group, queue: ticket.queue },
    });
    if (ticket.status === TicketStatus.New)
      await ctx.flows.changed(await ctx.store.setStatus(ticket.key, TicketStatus.Triaged, body.user.id));
    await ctx.notifier.postInCardThread(
      ticket,
      `<!subteam^${group}> ${ticket.key} was escalated by <@${body.user.id}> and needs on-call attention.`,
    );
  });
}

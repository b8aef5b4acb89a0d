import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { canTriage } from '../../../core/roles.js';
import { openStatuses } from '../../../tickets/types.js';
import { buildHomeView } from '../../blocks/home-blocks.js';
import { buildTicketListBlocks, queueOrder } from '../../blocks/tickets/ticket-list.js';
import type { SlackDeps } from '../../deps.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/**
 * Publishes the Home tab each time someone opens it: how to ask, the knowledge base's figures and, with
 * tickets on, the queue (associates: by SLA breach, urgency, age) or the person's own tickets.
 */
export function registerAppHomeOpened(app: App, deps: Pick<SlackDeps, 'home' | 'tickets'>): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const blocks = deps.tickets ? await ticketSections(deps.tickets, event.user) : [];
    await client.views.publish({ user_id: event.user, view: buildHomeView(deps.home(), blocks) });
  });
}

async function ticketSections(ctx: TicketContext, userId: string): Promise<KnownBlock[]> {
  const now = new Date(ctx.now());
  if (canTriage(await ctx.roles.roleOf(userId))) {
    const open = queueOrder(await ctx.store.list({ status: openStatuses }), now);
    const mine = open.filter((t) => t.assigneeId === userId);
    return [
      ...buildTicketListBlocks(`Open queue (${open.length})`, open, now, 10),
      ...buildTicketListBlocks('Assigned to you', mine, now, 10),
    ];
  }
  return buildTicketListBlocks('Your tickets', await ctx.store.list({ requesterId: userId, limit: 10 }), now, 10);
}

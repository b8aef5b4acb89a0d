import type { KnownBlock } from '@slack/types';
import { canTriage } from '../../core/roles.js';
import { openStatuses } from '../../tickets/types.js';
import { buildTicketDetailBlocks, buildTicketListBlocks, queueOrder } from '../blocks/tickets/ticket-list.js';
import { escapeSlack, truncate } from '../format/escape.js';
import type { TicketContext } from '../tickets/ticket-context.js';
import type { Subcommand } from './registry.js';

/** `/pacs tickets [mine|open|PACS-123]`: always ephemeral; others' tickets for associates only. */
export function ticketsSubcommand(ctx: TicketContext): Subcommand {
  return {
    name: 'tickets',
    usage: 'tickets [mine|open|PACS-123]',
    summary: 'your tickets; for associates also the open queue and any ticket',
    examples: ['tickets mine', 'tickets PACS-12'],
    async run({ args, userId, teamId, channelId, respond }) {
      const now = new Date(ctx.now());
      const role = await ctx.roles.roleOf(userId);
      const what = args.trim() || 'mine';
      const reply = (blocks: KnownBlock[], text: string) => respond({ response_type: 'ephemeral', text, blocks });
      if (/^PACS-\d{1,9}$/i.test(what)) {
        const ticket = await ctx.store.get(what.toUpperCase());
        if (!ticket || (ticket.requesterId !== userId && !canTriage(role))) {
          await reply([], `No ticket ${what.toUpperCase()} that you can see. Try \`/pacs tickets mine\`.`);
          return;
        }
        // The accession and details are PHI: associates only, and not for guests or in shared channels.
        const showPhi = canTriage(role) && (await ctx.roles.phiAccess({ userId, teamId, channelId })).ok;
        await reply(buildTicketDetailBlocks(ticket, await ctx.store.timeline(ticket.key), now, showPhi), ticket.key);
        return;
      }
      if (what === 'open') {
        if (!canTriage(role)) {
          await reply([], 'Only PACS associates and admins can see the open queue. `/pacs tickets mine` lists yours.');
          return;
        }
        const open = queueOrder(await ctx.store.list({ status: openStatuses }), now);
        await reply(buildTicketListBlocks(`Open tickets (${open.length})`, open, now), 'Open tickets');
        return;
      }
      if (what === 'mine') {
        const requested = await ctx.store.list({ requesterId: userId, limit: 20 });
        const assigned = canTriage(role) ? await ctx.store.list({ assigneeId: userId, status: openStatuses }) : [];
        await reply(
          [
            ...buildTicketListBlocks('Your requests', requested, now),
            ...(canTriage(role) ? buildTicketListBlocks('Assigned to you', assigned, now) : []),
          ],
          'Your tickets',
        );
        return;
      }
      await reply(
        [],
        `\`${escapeSlack(truncate(what, 30))}\` is not a ticket list. Use \`mine\`, \`open\` or a key such as \`PACS-12\`.`,
      );
    },
  };
}

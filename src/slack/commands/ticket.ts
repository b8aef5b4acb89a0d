import { buildTicketModal } from '../blocks/tickets/ticket-modal.js';
import type { Subcommand } from './registry.js';

/** `/pacs ticket [summary]`: the new-ticket modal, with the summary prefilled when given. */
export const ticketSubcommand: Subcommand = {
  name: 'ticket',
  usage: 'ticket [what is wrong]',
  summary: 'open a ticket with the PACS team',
  examples: ['ticket outside CT from St Elsewhere not visible'],
  async run({ args, client, triggerId, channelId }) {
    await client.views.open({
      trigger_id: triggerId,
      view: buildTicketModal({ summary: args || undefined }, channelId.startsWith('D') ? {} : { channel: channelId }),
    });
  },
};

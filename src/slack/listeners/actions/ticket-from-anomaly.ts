import type { App, BlockButtonAction } from '@slack/bolt';
import { buildTicketModal } from '../../blocks/tickets/ticket-modal.js';
import { ActionId } from '../../ids.js';

/** The summaries `anomalyTicketSummary` writes: a kind and site names, never an identifier. */
const anomalySummary = /^Data integrity: [A-Za-z0-9 ,.()_-]{1,140}$/;

/**
 * 🎫 n under `/pacs anomalies`: opens the ticket form with the item's summary (no patient, accession or UID). A value
 * that is not such a summary (a forged or altered payload) opens an empty form rather than echoing it.
 */
export function registerTicketFromAnomaly(app: App): void {
  app.action<BlockButtonAction>(
    new RegExp(`^${ActionId.OpenTicketFromAnomaly}:\\d+$`),
    async ({ ack, body, client }) => {
      await ack();
      const action = body.actions[0];
      const value = action && 'value' in action ? (action.value ?? '') : '';
      const summary = anomalySummary.test(value) ? value : undefined;
      const channel = body.channel?.id ?? body.container?.channel_id;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildTicketModal({ ...(summary ? { summary } : {}), category: 'other' }, { channel }),
      });
    },
  );
}

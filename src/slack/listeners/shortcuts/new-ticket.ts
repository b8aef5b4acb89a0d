import type { App } from '@slack/bolt';
import { buildTicketModal } from '../../blocks/tickets/ticket-modal.js';
import { CallbackId } from '../../ids.js';

/** The global shortcut "New PACS ticket": an empty ticket modal. */
export function registerNewTicket(app: App): void {
  app.shortcut(CallbackId.ShortcutNewTicket, async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: buildTicketModal() });
  });
}

import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { validateTicketInput } from '../../../tickets/ticket-input.js';
import type { Ticket } from '../../../tickets/types.js';
import { parseOrigin, readTicketFields } from '../../blocks/tickets/ticket-modal.js';
import { CallbackId } from '../../ids.js';
import { attachPacsChecks } from '../../tickets/attach-checks.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/** "Open ticket" in the modal: field errors go back to the modal; a valid ticket is stored, then announced. */
export function registerTicketNew(app: App, ctx: TicketContext): void {
  app.view(CallbackId.TicketNew, async ({ ack, view, body }) => {
    const result = validateTicketInput(readTicketFields(view.state.values));
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    // A double click on "Open ticket" delivers the same view twice: only the first one opens a ticket.
    if (!(await ctx.dedupe.claim(`ticket-view:${view.id}`))) {
      await ack();
      return;
    }
    // Commit before acking: if the store fails, the modal stays open with everything the user typed.
    const origin = parseOrigin(view.private_metadata);
    let ticket: Ticket;
    try {
      ticket = await ctx.flows.create(result.input, body.user.id, body.user.id, origin);
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      ctx.logger.error({ reference, err: (error as Error).message }, 'ticket could not be stored');
      await ctx.dedupe.release(`ticket-view:${view.id}`);
      await ack({
        response_action: 'errors',
        errors: { summary: `The ticket could not be saved. Please press Open ticket again (reference ${reference}).` },
      });
      return;
    }
    await ack();
    const announced = await ctx.flows.announce(ticket, origin);
    if (ctx.pacs) await attachPacsChecks(announced, ctx.pacs, ctx);
  });
}

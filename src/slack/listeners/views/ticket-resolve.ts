import type { App } from '@slack/bolt';
import { TicketStatus } from '../../../tickets/types.js';
import { buildCsatBlocks } from '../../blocks/tickets/csat-blocks.js';
import { readNote } from '../../blocks/tickets/note-modals.js';
import { CallbackId } from '../../ids.js';
import { noteError, noteRefusal } from '../../tickets/note-checks.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { statusMessage } from '../../tickets/ticket-flows.js';

/** The Resolve modal: a note is required; the requester gets it, then the CSAT buttons. */
export function registerTicketResolve(app: App, ctx: TicketContext): void {
  app.view(CallbackId.TicketResolve, async ({ ack, view, body }) => {
    const { key, note } = readNote(view.state.values as never, view.private_metadata);
    const error = (await noteRefusal(ctx, body.user.id)) ?? noteError(note);
    if (error) return void (await ack({ response_action: 'errors', errors: { note: error } }));
    const result = await ctx.store.setStatus(key, TicketStatus.Resolved, body.user.id, note);
    if (!result.ok)
      return void (await ack({
        response_action: 'errors',
        errors: { note: `Could not resolve ${key} (${result.reason}).` },
      }));
    await ack();
    await ctx.flows.changed(result, statusMessage(note));
    if (result.changed)
      await ctx.notifier.dmRequester(result.ticket, 'How did we do?', buildCsatBlocks(result.ticket.key));
  });
}

import type { App } from '@slack/bolt';
import { TicketStatus } from '../../../tickets/types.js';
import { buildCsatBlocks } from '../../blocks/tickets/csat-blocks.js';
import { readNote } from '../../blocks/tickets/note-modals.js';
import { CallbackId } from '../../ids.js';
import { type NoteErrors, submitNoteStatus } from '../../tickets/note-checks.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { statusMessage } from '../../tickets/ticket-flows.js';

/** The Resolve modal: a note is required; the requester gets it, then the CSAT buttons. */
export function registerTicketResolve(app: App, ctx: TicketContext): void {
  app.view(CallbackId.TicketResolve, async ({ ack, view, body }) => {
    const { key, note } = readNote(view.state.values, view.private_metadata);
    const submission = { userId: body.user.id, key, note, ack: (errors?: NoteErrors) => ack(errors) };
    const result = await submitNoteStatus(ctx, submission, TicketStatus.Resolved, 'resolve');
    if (!result) return;
    await ctx.flows.changed(result, statusMessage(note));
    if (result.changed)
      await ctx.notifier.dmRequester(result.ticket, 'How did we do?', buildCsatBlocks(result.ticket.key));
  });
}

import type { App } from '@slack/bolt';
import { TicketStatus } from '../../../tickets/types.js';
import { readNote } from '../../blocks/tickets/note-modals.js';
import { escapeSlack } from '../../format/escape.js';
import { CallbackId } from '../../ids.js';
import { type NoteErrors, submitNoteStatus } from '../../tickets/note-checks.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/** The Ask-requester modal: the ticket waits on the requester, who gets the question by DM in its thread. */
export function registerTicketAskRequester(app: App, ctx: TicketContext): void {
  app.view(CallbackId.TicketAskRequester, async ({ ack, view, body }) => {
    const { key, note } = readNote(view.state.values, view.private_metadata);
    const submission = { userId: body.user.id, key, note, ack: (errors?: NoteErrors) => ack(errors) };
    const result = await submitNoteStatus(ctx, submission, TicketStatus.WaitingOnRequester, 'update');
    if (!result) return;
    await ctx.store.addComment(key, body.user.id, note);
    await ctx.flows.changed(result);
    await ctx.notifier.dmRequester(
      result.ticket,
      `<@${body.user.id}> from the PACS team asks about *${key}*:\n>${escapeSlack(note).replace(/\n/g, '\n>')}\nPlease reply in this thread.`,
    );
  });
}

import type { App } from '@slack/bolt';
import { TicketStatus } from '../../../tickets/types.js';
import { readNote } from '../../blocks/tickets/note-modals.js';
import { escapeSlack } from '../../format/escape.js';
import { CallbackId } from '../../ids.js';
import { noteError, noteRefusal } from '../../tickets/note-checks.js';
import type { TicketContext } from '../../tickets/ticket-context.js';

/** The Ask-requester modal: the ticket waits on the requester, who gets the question by DM in its thread. */
export function registerTicketAskRequester(app: App, ctx: TicketContext): void {
  app.view(CallbackId.TicketAskRequester, async ({ ack, view, body }) => {
    const { key, note } = readNote(view.state.values as never, view.private_metadata);
    const error = (await noteRefusal(ctx, body.user.id)) ?? noteError(note);
    if (error) return void (await ack({ response_action: 'errors', errors: { note: error } }));
    const result = await ctx.store.setStatus(key, TicketStatus.WaitingOnRequester, body.user.id, note);
    if (!result.ok)
      return void (await ack({
        response_action: 'errors',
        errors: { note: `Could not update ${key} (${result.reason}).` },
      }));
    await ack();
    await ctx.store.addComment(key, body.user.id, note);
    await ctx.flows.changed(result);
    await ctx.notifier.dmRequester(
      result.ticket,
      `<@${body.user.id}> from the PACS team asks about *${key}*:\n>${escapeSlack(note).replace(/\n/g, '\n>')}\nPlease reply in this thread.`,
    );
  });
}

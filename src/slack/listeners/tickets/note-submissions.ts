import type { App } from '@slack/bolt';
import { canTriage } from '../../../core/roles.js';
import { TicketStatus } from '../../../tickets/types.js';
import { maxNoteChars, readNote } from '../../blocks/tickets/note-modals.js';
import { escapeSlack } from '../../format/escape.js';
import { CallbackId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { statusMessage } from '../../tickets/ticket-flows.js';

function noteError(note: string): string | undefined {
  if (!note) return 'Write a short note.';
  if (note.length > maxNoteChars) return `Keep it under ${maxNoteChars} characters.`;
  return undefined;
}

/**
 * The role is checked again on submission, not only when the modal opened: the person may have left the
 * team since, and a forged `view_submission` never opened a modal at all. Refused: a modal error, no change.
 */
async function notAllowed(ctx: TicketContext, userId: string): Promise<string | undefined> {
  if (canTriage(await ctx.roles.roleOf(userId))) return undefined;
  ctx.logger.info({ user: userId }, 'ticket note refused: not an associate');
  return 'Only PACS associates and admins can change tickets.';
}

/** Resolve (note required, then CSAT to the requester) and Ask the requester (status waiting, DM). */
export function registerNoteSubmissions(app: App, ctx: TicketContext): void {
  app.view(CallbackId.TicketResolve, async ({ ack, view, body }) => {
    const { key, note } = readNote(view.state.values as never, view.private_metadata);
    const error = (await notAllowed(ctx, body.user.id)) ?? noteError(note);
    if (error) return void (await ack({ response_action: 'errors', errors: { note: error } }));
    const result = await ctx.store.setStatus(key, TicketStatus.Resolved, body.user.id, note);
    if (!result.ok)
      return void (await ack({
        response_action: 'errors',
        errors: { note: `Could not resolve ${key} (${result.reason}).` },
      }));
    await ack();
    await ctx.flows.changed(result, statusMessage(note));
    if (result.changed) await ctx.notifier.dmRequester(result.ticket, 'How did we do?', csatBlocks(result.ticket.key));
  });

  app.view(CallbackId.TicketAskRequester, async ({ ack, view, body }) => {
    const { key, note } = readNote(view.state.values as never, view.private_metadata);
    const error = (await notAllowed(ctx, body.user.id)) ?? noteError(note);
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

function csatBlocks(key: string): unknown[] {
  const scores: [number, string][] = [
    [1, '😞 1'],
    [2, '2'],
    [3, '3'],
    [4, '4'],
    [5, '😀 5'],
  ];
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `How satisfied are you with how *${key}* was handled?` } },
    {
      type: 'actions',
      block_id: `csat:${key}`,
      elements: scores.map(([score, text]) => ({
        type: 'button',
        action_id: `ticket_csat_${score}`,
        value: `${key}|${score}`,
        text: { type: 'plain_text', text },
      })),
    },
  ];
}

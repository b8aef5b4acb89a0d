import { canTriage } from '../../core/roles.js';
import type { TicketStatus } from '../../tickets/types.js';
import { maxNoteChars } from '../blocks/tickets/note-modals.js';
import type { TicketContext } from './ticket-context.js';

/** What is wrong with a note typed in the Resolve or Ask-requester modal, if anything. */
export function noteError(note: string): string | undefined {
  if (!note) return 'Write a short note.';
  if (note.length > maxNoteChars) return `Keep it under ${maxNoteChars} characters.`;
  return undefined;
}

/**
 * The role is checked again on submission, not only when the modal opened: the person may have left the
 * team since, and a forged `view_submission` never opened a modal at all. Refused: a modal error, no change.
 */
export async function noteRefusal(ctx: TicketContext, userId: string): Promise<string | undefined> {
  if (canTriage(await ctx.roles.roleOf(userId))) return undefined;
  ctx.logger.info({ user: userId }, 'ticket note refused: not an associate');
  return 'Only PACS associates and admins can change tickets.';
}

type StatusChange = Awaited<ReturnType<TicketContext['store']['setStatus']>>;

/**
 * A Resolve or Ask-requester submission up to the status change: role and note checked, then the change. Any
 * refusal is acked as a modal field error (nothing changes); on success the modal is closed and the change returned.
 */
export async function submitNoteStatus(
  ctx: TicketContext,
  submission: { userId: string; key: string; note: string; ack: (response?: NoteErrors) => Promise<void> },
  status: TicketStatus,
  failedVerb: string,
): Promise<Extract<StatusChange, { ok: true }> | undefined> {
  const { userId, key, note, ack } = submission;
  const error = (await noteRefusal(ctx, userId)) ?? noteError(note);
  if (error) return void (await ack({ response_action: 'errors', errors: { note: error } }));
  const result = await ctx.store.setStatus(key, status, userId, note);
  if (!result.ok)
    return void (await ack({
      response_action: 'errors',
      errors: { note: `Could not ${failedVerb} ${key} (${result.reason}).` },
    }));
  await ack();
  return result;
}

export interface NoteErrors {
  response_action: 'errors';
  errors: { note: string };
}

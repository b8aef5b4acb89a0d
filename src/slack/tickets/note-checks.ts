import { canTriage } from '../../core/roles.js';
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

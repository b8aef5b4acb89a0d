import { Role } from '../../core/roles.js';
import type { CheckOutcome } from '../../pacs/checks/check-outcome.js';
import { CheckId } from '../../pacs/checks/check-types.js';
import { runCheck } from '../../pacs/run-check.js';
import { studyCategories, type Ticket, TimelineKind } from '../../tickets/types.js';
import { escapeSlack as e } from '../format/escape.js';
import type { PacsDeps } from '../pacs/pacs-context.js';
import type { TicketContext } from './ticket-context.js';

/** The bot as the process that runs a ticket's checks for its requester (ATNA: UserIsRequestor = false). */
export const ticketCheckAgent = 'pacs-desk';

/** `full`: the requester's role may see study results; `summary`: only what identifies nobody. */
export const CheckDetail = { Full: 'full', Summary: 'summary' } as const;
export type CheckDetail = (typeof CheckDetail)[keyof typeof CheckDetail];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The study line of the ticket's timeline and card thread. Never an identifier; at `summary` detail not even a
 * date or a description (dates of care are PHI): only how many studies, where, which modalities, complete or not.
 */
export function studyLine(outcome: CheckOutcome, detail: CheckDetail): string {
  if (outcome.kind !== 'result' || outcome.id !== CheckId.Study)
    return 'Study check: could not run (the PACS did not answer).';
  const r = outcome.result;
  if (r.tooMany) return 'Study check: several studies match this accession.';
  if (!r.found) return `Study check: *not found* in ${r.searched.map(e).join(', ')}.`;
  if (detail === CheckDetail.Summary) {
    const modalities = [...new Set(r.matches.flatMap((m) => m.facts.modalities))].join(', ');
    const complete = r.matches.every((m) => !m.facts.arriving);
    return `Study check: ${plural(r.matches.length, 'study')} found at *${r.where.map(e).join(', ')}* · ${e(modalities || '—')} · ${complete ? 'complete' : 'still arriving'}.`;
  }
  return r.matches
    .map(({ facts }) => {
      const counts = [
        facts.series !== undefined ? `${facts.series} series` : '',
        facts.instances !== undefined ? `${facts.instances} images` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `Study check: found at *${e(facts.site)}* · ${e(facts.date ?? 'no date')} · ${e(facts.modalities.join(', '))}${counts ? ` · ${counts}` : ''} · ${facts.arriving ? 'still arriving' : 'complete'}.`;
    })
    .join('\n');
}

function queueLine(outcome: CheckOutcome): string {
  if (outcome.kind !== 'result' || outcome.id !== CheckId.Queue) return 'Queue check: could not run.';
  const q = outcome.result;
  const causes = [...new Set(q.recentFailures.map((f) => f.causeLabel))].join(', ');
  return `Queue check at *${e(q.site)}*: ${q.byState.pending} pending, ${q.byState.failed} failed${causes ? ` (${e(causes)})` : ''}.`;
}

/** The requester's role, or none at all when it cannot be read (fail closed: summary only). */
async function requesterRole(tickets: TicketContext, userId: string): Promise<Role> {
  try {
    return await tickets.roles.roleOf(userId);
  } catch {
    return Role.Requester;
  }
}

/**
 * Self-diagnosing tickets: a study-related ticket with an accession gets a study lookup and a queue check
 * attached to its timeline, and a summary without identifiers in the card's thread.
 *
 * The audit trail names the requester as the person the lookup was done for and the bot as the agent that ran
 * it. When the requester's own role may see study results the lookup runs under that role and the line has the
 * study's date and counts; otherwise it runs under the bot's associate standing and only a summary that
 * identifies nobody is attached. Either way the lookup writes its audit records (the query, and each patient
 * returned) before anything is posted, and the requester is shown only the fields their own role may see.
 */
export async function attachPacsChecks(ticket: Ticket, pacs: PacsDeps, tickets: TicketContext): Promise<void> {
  if (!ticket.accession || !studyCategories.includes(ticket.category)) return;
  const role = await requesterRole(tickets, ticket.requesterId);
  const study = pacs.registry.find('study');
  const detail = study && pacs.registry.allowed(study, role) ? CheckDetail.Full : CheckDetail.Summary;
  const actor = { userId: ticket.requesterId, agent: ticketCheckAgent };
  const ask = (command: string, text: string) =>
    runCheck(pacs, {
      command,
      text,
      actor,
      role: detail === CheckDetail.Full ? role : Role.Associate,
      source: 'slack',
      auditNote: { ticket: ticket.key, detail },
    });
  const studyOutcome = await ask('study', ticket.accession);
  const queue = await ask('queue', '');
  const lines = [studyLine(studyOutcome, detail), queueLine(queue)];
  await tickets.store.addEntry(ticket.key, {
    actorId: 'system',
    kind: TimelineKind.Check,
    body: lines.join('\n'),
    data: { study: studyOutcome.kind, queue: queue.kind, detail },
  });
  await tickets.notifier.postInCardThread(ticket, `🔎 Automatic checks for *${ticket.key}*:\n${lines.join('\n')}`);
}

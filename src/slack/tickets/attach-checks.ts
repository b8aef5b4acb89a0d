import { Role } from '../../core/roles.js';
import type { QueueSummary } from '../../pacs/checks/queue.js';
import type { StudyCheckResult } from '../../pacs/checks/study.js';
import { runCheck } from '../../pacs/run-check.js';
import { studyCategories, type Ticket, TimelineKind } from '../../tickets/types.js';
import { escapeSlack as e } from '../format/escape.js';
import type { PacsDeps } from '../pacs/pacs-context.js';
import type { TicketContext } from './ticket-context.js';

/** The bot's own identity in the audit trail for checks it runs by itself. */
const botActor = { userId: 'pacs-desk' };

function studyLine(outcome: Awaited<ReturnType<typeof runCheck>>): string {
  if (outcome.kind !== 'result') return 'Study check: could not run (the PACS did not answer).';
  const r = outcome.result as StudyCheckResult;
  if (r.tooMany) return 'Study check: several studies match this accession.';
  if (!r.found) return `Study check: *not found* in ${r.searched.map(e).join(', ')}.`;
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

function queueLine(outcome: Awaited<ReturnType<typeof runCheck>>): string {
  if (outcome.kind !== 'result') return 'Queue check: could not run.';
  const q = outcome.result as QueueSummary;
  const causes = [...new Set(q.recentFailures.map((f) => f.causeLabel))].join(', ');
  return `Queue check at *${e(q.site)}*: ${q.byState.pending} pending, ${q.byState.failed} failed${causes ? ` (${e(causes)})` : ''}.`;
}

/**
 * Self-diagnosing tickets: a study-related ticket with an accession gets a study lookup and a queue check
 * (both audited, as the bot) attached to its timeline, and a summary without identifiers in the card's thread.
 */
export async function attachPacsChecks(ticket: Ticket, pacs: PacsDeps, tickets: TicketContext): Promise<void> {
  if (!ticket.accession || !studyCategories.includes(ticket.category)) return;
  const ask = (command: string, text: string) =>
    runCheck(pacs, { command, text, actor: botActor, role: Role.Associate, source: 'slack' });
  const study = await ask('study', ticket.accession);
  const queue = await ask('queue', '');
  const lines = [studyLine(study), queueLine(queue)];
  await tickets.store.addEntry(ticket.key, {
    actorId: 'system',
    kind: TimelineKind.Check,
    body: lines.join('\n'),
    data: { study: study.kind, queue: queue.kind },
  });
  await tickets.notifier.postInCardThread(ticket, `🔎 Automatic checks for *${ticket.key}*:\n${lines.join('\n')}`);
}

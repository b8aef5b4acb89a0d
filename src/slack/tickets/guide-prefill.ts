import type { TroubleshootingGuide } from '../../answers/types.js';
import { ticketLimits } from '../../tickets/ticket-input.js';
import type { TicketPrefill } from '../blocks/tickets/ticket-modal.js';
import { stepsTried } from '../guide/guide-path.js';

/** The steps already tried, in order, and the page they came from: the start of the ticket's details. */
export function guideTriedText(guide: TroubleshootingGuide, n: number): string {
  const steps = stepsTried(guide, n).map((h, i) => `${i + 1}. ${h}`);
  return [`Steps already tried with PACS Desk, from "${guide.title}" (${guide.source}):`, ...steps].join('\n');
}

/**
 * The ticket form after a guide ran out: the question as the summary (its first line), and in the details the
 * steps tried, then the whole question. Without the question (thread unreadable) the page's title stands in.
 */
export function guideTicketPrefill(guide: TroubleshootingGuide, n: number, question = ''): TicketPrefill {
  const tried = guideTriedText(guide, n);
  const firstLine = question.trim().split('\n')[0]?.trim() ?? '';
  const summary = (firstLine || `Still not fixed: ${guide.title}`).slice(0, ticketLimits.summaryMax);
  const description = question.trim() ? `${tried}\n\nAsked: ${question.trim()}` : tried;
  return { summary, description: description.slice(0, ticketLimits.descriptionMax) };
}

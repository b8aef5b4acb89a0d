import type { KnownBlock } from '@slack/types';
import { slaState } from '../../../tickets/sla-clock.js';
import { categoryLabels } from '../../../tickets/ticket-input.js';
import type { Ticket, TimelineEntry } from '../../../tickets/types.js';
import { escapeSlack, truncate } from '../../format/escape.js';
import { safeSummary, slaText, statusLabels } from './ticket-card.js';

const urgencyRank = { stat: 0, urgent: 1, routine: 2 } as const;

/** Queue order: SLA breaches first, then urgency, then the oldest. */
export function queueOrder(tickets: Ticket[], now: Date): Ticket[] {
  return [...tickets].sort((a, b) => {
    const breach = Number(slaState(b, now).breached) - Number(slaState(a, now).breached);
    if (breach) return breach;
    const urgency = urgencyRank[a.urgency] - urgencyRank[b.urgency];
    return urgency || a.createdAt.localeCompare(b.createdAt);
  });
}

export function ticketLine(t: Ticket, now: Date): string {
  const who = t.assigneeId ? ` · <@${t.assigneeId}>` : ' · _unassigned_';
  return `*${t.key}* ${safeSummary(t)}\n${statusLabels[t.status]} · ${t.urgency.toUpperCase()} · ${categoryLabels[t.category]}${who} · ${slaText(t, now)}`;
}

/** A list for `/pacs tickets` and App Home: at most `max` lines, the rest counted. */
export function buildTicketListBlocks(title: string, tickets: Ticket[], now: Date, max = 15): KnownBlock[] {
  if (tickets.length === 0) return [{ type: 'section', text: { type: 'mrkdwn', text: `*${title}*\nNone.` } }];
  // Whole lines only, within one section's 3,000 characters, keeping room for the count of the rest: a line cut
  // mid-way would break its mrkdwn and the count would be lost.
  const budget = 2900 - title.length - 40;
  const shown: string[] = [];
  let used = 0;
  for (const t of tickets.slice(0, max)) {
    const line = ticketLine(t, now);
    if (used + line.length + 2 > budget) break;
    shown.push(line);
    used += line.length + 2;
  }
  const rest = tickets.length - shown.length;
  const more = rest > 0 ? `\n_…and ${rest} more._` : '';
  return [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${title}*\n${shown.join('\n\n')}${more}`, 2990) } },
  ];
}

/**
 * One ticket in full, for associates (ephemeral only): the accession unmasked, the description and the
 * timeline. Requesters get `showPhi: false`: their own ticket, without the accession.
 */
export function buildTicketDetailBlocks(
  t: Ticket,
  timeline: TimelineEntry[],
  now: Date,
  showPhi: boolean,
): KnownBlock[] {
  const lines = [
    ticketLine(t, now),
    `Requester <@${t.requesterId}> · opened ${t.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
    ...(showPhi && t.accession ? [`Accession: \`${escapeSlack(t.accession)}\``] : []),
    ...(showPhi && t.description ? [`>${escapeSlack(truncate(t.description, 1200)).replace(/\n/g, '\n>')}`] : []),
  ];
  const history = timeline
    .slice(-10)
    .map(
      (e) =>
        `• ${e.at.slice(0, 16).replace('T', ' ')} ${e.actorId === 'system' ? 'bot' : `<@${e.actorId}>`} ${e.kind}${e.body && showPhi ? `: ${escapeSlack(truncate(e.body, 200))}` : ''}`,
    );
  return [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 2900) } },
    ...(history.length
      ? [
          {
            type: 'context' as const,
            elements: [{ type: 'mrkdwn' as const, text: truncate(history.join('\n'), 2900) }],
          },
        ]
      : []),
  ];
}

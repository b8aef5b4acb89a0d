import type { KnownBlock } from '@slack/types';
import { redactPhi } from '../../../core/phi-redact.js';
import { formatMinutes, slaState } from '../../../tickets/sla-clock.js';
import { categoryLabels, urgencyLabels } from '../../../tickets/ticket-input.js';
import { maskAccession, openStatuses, type Ticket, type TicketStatus, type Urgency } from '../../../tickets/types.js';
import { escapeSlack, truncate } from '../../format/escape.js';
import { ActionId } from '../../ids.js';
import { buildSaveAsAnswer } from '../drafts/draft-offer.js';

export const statusLabels: Record<TicketStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  waiting_on_requester: 'Waiting on requester',
  resolved: 'Resolved',
  closed: 'Closed',
};

const urgencyBadge: Record<Urgency, string> = { stat: '🔴 STAT', urgent: '🟠 Urgent', routine: '🟢 Routine' };

/** A summary as channels may show it: redacted of patient identifiers, escaped, one line. */
export function safeSummary(ticket: Pick<Ticket, 'summary'>): string {
  return escapeSlack(truncate(redactPhi(ticket.summary).replace(/\s+/g, ' '), 150));
}

export function slaText(ticket: Ticket, now: Date): string {
  if (!openStatuses.includes(ticket.status)) return '—';
  const sla = slaState(ticket, now);
  return sla.breached ? `⚠️ breached ${formatMinutes(sla.minutesLeft)} ago` : `due in ${formatMinutes(sla.minutesLeft)}`;
}

/** The triage card: one per ticket in its queue's triage channel, updated in place on every change. */
export function buildTicketCard(ticket: Ticket, now: Date): { text: string; blocks: KnownBlock[] } {
  const fields = [
    `*Requester*\n<@${ticket.requesterId}>`,
    `*Status*\n${statusLabels[ticket.status]}`,
    `*Assignee*\n${ticket.assigneeId ? `<@${ticket.assigneeId}>` : '_unassigned_'}`,
    `*SLA*\n${slaText(ticket, now)}`,
    `*Category*\n${categoryLabels[ticket.category]}`,
    `*Urgency*\n${urgencyLabels[ticket.urgency].split(':')[0]}`,
  ];
  if (ticket.site) fields.push(`*Site*\n${escapeSlack(truncate(ticket.site, 60))}`);
  if (ticket.queue && ticket.queue !== 'default') fields.push(`*Queue*\n${escapeSlack(ticket.queue)}`);
  if (ticket.accession) fields.push(`*Study*\n${maskAccession(ticket.accession)}`);
  if (ticket.external) {
    const ref = escapeSlack(ticket.external.id);
    fields.push(
      `*${escapeSlack(ticket.external.system)}*\n${ticket.external.url ? `<${ticket.external.url}|${ref}>` : ref}`,
    );
  }
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `${ticket.key} · ${urgencyBadge[ticket.urgency]}` } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${safeSummary(ticket)}*` } },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Opened <!date^${Math.floor(new Date(ticket.createdAt).getTime() / 1000)}^{date_short_pretty} {time}|${ticket.createdAt}>. Replies in this thread become internal notes on the ticket.`,
        },
      ],
    },
  ];
  if (openStatuses.includes(ticket.status)) blocks.push(buildTriageActions(ticket));
  else blocks.push(buildSaveAsAnswer(ticket.key));
  return {
    text: `${ticket.key} · ${urgencyBadge[ticket.urgency]} · ${categoryLabels[ticket.category]} · ${statusLabels[ticket.status]}`,
    blocks,
  };
}

function buildTriageActions(ticket: Ticket): KnownBlock {
  const button = (action_id: string, text: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id,
    value: ticket.key,
    text: { type: 'plain_text' as const, text },
    ...(style ? { style } : {}),
  });
  const urgencyOptions = (Object.keys(urgencyBadge) as Urgency[]).map((u) => ({
    value: `${ticket.key}|${u}`,
    text: { type: 'plain_text' as const, text: urgencyBadge[u] },
  }));
  return {
    type: 'actions',
    block_id: `triage:${ticket.key}`,
    elements: [
      ...(ticket.assigneeId ? [] : [button(ActionId.TriageAssign, 'Assign to me', 'primary')]),
      {
        type: 'static_select',
        action_id: ActionId.TriageUrgency,
        placeholder: { type: 'plain_text', text: 'Change urgency' },
        options: urgencyOptions,
      },
      button(ActionId.TriageWaiting, 'Waiting on requester'),
      button(ActionId.TriageResolve, 'Resolve'),
      button(ActionId.TriageEscalate, 'Escalate', 'danger'),
    ],
  };
}

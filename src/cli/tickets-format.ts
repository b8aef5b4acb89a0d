import type { TicketSummary } from '../tickets/report/ticket-summary.js';
import type { Ticket, TimelineEntry } from '../tickets/types.js';

/** The `tickets list --json` row: a contract other tools rely on (Slack user ids for people). */
export interface TicketListRow {
  key: string;
  status: string;
  urgency: string;
  category: string;
  summary: string;
  requester: string;
  assignee: string | null;
  created_at: string;
  queue: string;
}

/** A ticket as a `tickets list --json` row. */
export function toListRow(t: Ticket): TicketListRow {
  return {
    key: t.key,
    status: t.status,
    urgency: t.urgency,
    category: t.category,
    summary: t.summary,
    requester: t.requesterId,
    assignee: t.assigneeId ?? null,
    created_at: t.createdAt,
    queue: t.queue,
  };
}

/** One aligned line per ticket, for people. */
export function formatList(rows: readonly TicketListRow[]): string {
  if (rows.length === 0) return 'No tickets.\n';
  return rows
    .map(
      (r) =>
        `${r.key.padEnd(10)} ${r.status.padEnd(21)} ${r.urgency.padEnd(8)} ${r.category.padEnd(22)} ${r.requester} → ${r.assignee ?? '-'}  ${r.created_at}  ${r.summary}\n`,
    )
    .join('');
}

/** A ticket and its timeline, for people (associates: this shows the description and the accession). */
export function formatTicket(t: Ticket, timeline: readonly TimelineEntry[]): string {
  const lines = [
    `${t.key}  ${t.summary}`,
    `status ${t.status} · urgency ${t.urgency} · category ${t.category}${t.site ? ` · site ${t.site}` : ''} · queue ${t.queue}`,
    `requester ${t.requesterId} · assignee ${t.assigneeId ?? '-'}${t.accession ? ` · accession ${t.accession}` : ''}`,
    `created ${t.createdAt} · SLA due ${t.slaDueAt}${t.firstResponseAt ? ` · first response ${t.firstResponseAt}` : ''}`,
    ...(t.resolvedAt ? [`resolved ${t.resolvedAt}`] : []),
    ...(t.closedAt ? [`closed ${t.closedAt}`] : []),
    ...(t.csat !== undefined ? [`CSAT ${t.csat}/5`] : []),
    ...(t.external
      ? [`helpdesk ${t.external.system} ${t.external.id}${t.external.url ? ` ${t.external.url}` : ''}`]
      : []),
    '',
    t.description,
    '',
    ...timeline.map(
      (e) =>
        `${e.at}  ${e.actorId}  ${e.kind}${e.data ? ` ${JSON.stringify(e.data)}` : ''}${e.body ? `  ${e.body}` : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const dur = (m: number | null) => (m === null ? '-' : `${m} min`);

/** The weekly summary as a short plain-text report. */
export function formatSummary(s: TicketSummary): string {
  const out = [
    `Tickets since ${s.since} (until ${s.until})`,
    `Volume: ${s.volume.total} (${s.volume.open} still open)`,
  ];
  for (const [title, group] of [
    ['by category', s.volume.byCategory],
    ['by urgency', s.volume.byUrgency],
  ] as const)
    out.push(
      `  ${title}: ${
        Object.entries(group)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || '-'
      }`,
    );
  for (const [title, b] of [
    ['Time to first response', s.firstResponse],
    ['Time to resolution', s.resolution],
  ] as const) {
    out.push(`${title}: median ${dur(b.all.medianMinutes)}, p90 ${dur(b.all.p90Minutes)} (n=${b.all.count})`);
    for (const [k, v] of [...Object.entries(b.byCategory), ...Object.entries(b.byUrgency)])
      out.push(`  ${k}: median ${dur(v.medianMinutes)}, p90 ${dur(v.p90Minutes)} (n=${v.count})`);
  }
  const byUrgency = Object.entries(s.slaBreaches.byUrgency).map(([k, v]) => `${k} ${v}`);
  out.push(
    `SLA breaches: ${s.slaBreaches.total} (${s.slaBreaches.stillOpen} still open)${byUrgency.length ? `: ${byUrgency.join(', ')}` : ''}`,
  );
  out.push(`CSAT: ${s.csat.average === null ? '-' : `${s.csat.average}/5`} from ${s.csat.count} rating(s)`);
  if (s.queues.length > 1)
    for (const q of s.queues)
      out.push(
        `Queue ${q.id}: ${q.opened} opened, ${q.resolved} resolved, first response p50 ${dur(q.firstResponseP50Min)}, resolution p50 ${dur(q.resolutionP50Min)}, ${q.slaBreaches} SLA breach(es), CSAT ${q.csat === null ? '-' : `${q.csat}/5`}`,
      );
  return `${out.join('\n')}\n`;
}

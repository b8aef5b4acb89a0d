import type { QueueWeek, WeeklyReport } from './weekly-report.js';

/**
 * Minutes as a short duration.
 *
 * @example formatMinutes(90) // '1.5 h'
 */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '–';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 6) / 10} h`;
  return `${Math.round(minutes / 144) / 10} d`;
}

const mrkdwnSafe = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/** One line per queue: volume, medians against the routine SLA target, breaches, CSAT. */
export function queueLine(q: QueueWeek, slaRoutine: number | undefined): string {
  const target = slaRoutine === undefined ? '' : ` (target ${formatMinutes(slaRoutine)})`;
  const late = slaRoutine !== undefined && q.resolutionP50Min !== null && q.resolutionP50Min > slaRoutine ? ' ⚠️' : '';
  return (
    `*${mrkdwnSafe(q.id)}*: ${q.opened} opened, ${q.resolved} resolved · first response p50 ${formatMinutes(q.firstResponseP50Min)}` +
    ` · resolution p50 ${formatMinutes(q.resolutionP50Min)}${target}${late} · ${q.slaBreaches} SLA breach${q.slaBreaches === 1 ? '' : 'es'}` +
    ` · CSAT ${q.csat ?? '–'}`
  );
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } });

/** The lines of the digest (also the CLI's text output), each section's title first. */
export function digestSections(r: WeeklyReport): { title: string; lines: string[] }[] {
  const d = r.deflection;
  const categories = Object.entries(r.byCategory).map(([c, n]) => `${c.replaceAll('_', ' ')} ${n}`);
  return [
    { title: 'Queues', lines: r.queues.map((q) => queueLine(q, r.slaMinutes[q.id]?.routine)) },
    { title: 'By category', lines: [categories.length ? categories.join(' · ') : 'No tickets opened'] },
    {
      title: 'Deflection',
      lines: [
        `${d.questions} questions · ${d.answeredNoTicket} answered with no ticket within a day · ${d.ticketsFromAnswers} tickets opened from an answer`,
      ],
    },
    {
      title: 'Top KB gaps',
      lines: r.gaps.length ? r.gaps.slice(0, 5).map((g) => `• ${mrkdwnSafe(g.topic)} (${g.count})`) : ['None recorded'],
    },
    {
      title: 'PACS incidents',
      lines: r.incidents.length ? r.incidents.map(incidentLine) : ['None recorded'],
    },
  ];
}

/**
 * The digest message: a header, the period, then one section per part. No PHI reaches it: queue ids,
 * categories, counts, gap topics (already redacted by the gaps module) and incident summaries (PHI-free).
 */
export function buildDigestBlocks(r: WeeklyReport): unknown[] {
  const total = r.queues.reduce((n, q) => n + q.opened, 0);
  const breaches = r.queues.reduce((n, q) => n + q.slaBreaches, 0);
  return [
    { type: 'header', text: { type: 'plain_text', text: 'Weekly PACS Desk digest' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${r.since.slice(0, 10)} to ${r.until.slice(0, 10)} · ${total} tickets · ${breaches} SLA breach${breaches === 1 ? '' : 'es'}`,
        },
      ],
    },
    ...digestSections(r).map((s) => section(`*${s.title}*\n${s.lines.join('\n')}`)),
  ];
}

/** The notification text of the digest (shown where blocks are not). */
export const digestText = (r: WeeklyReport) =>
  `Weekly PACS Desk digest, ${r.since.slice(0, 10)} to ${r.until.slice(0, 10)}`;

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** One incident: where (its key names the site and target), what, and when; recovered ones say when. */
function incidentLine(i: { key: string; summary: string; since: string; until?: string }): string {
  const when = i.until ? `${minute(i.since)} to ${minute(i.until)}` : `since ${minute(i.since)}, still open`;
  return `• \`${mrkdwnSafe(i.key)}\`: ${mrkdwnSafe(i.summary)} (${when})`;
}

import type { KnownBlock } from '@slack/types';
import type { Role } from '../../../core/roles.js';
import type { EchoCheckResult } from '../../../pacs/checks/echo.js';
import { maskStudy } from '../../../pacs/checks/mask-study.js';
import type { QueueSummary } from '../../../pacs/checks/queue.js';
import type { StatusResult } from '../../../pacs/checks/status.js';
import type { StudyCheckResult } from '../../../pacs/checks/study-result.js';
import type { UnidentifiedResult } from '../../../pacs/checks/unidentified.js';
import { formatMinutes } from '../../../tickets/sla-clock.js';
import { escapeSlack as e } from '../../format/escape.js';
import { context, section } from '../mrkdwn-blocks.js';

export interface Rendered {
  /** Generic: it shows in notifications and push previews, so it never holds patient data (that stays in blocks). */
  text: string;
  blocks: KnownBlock[];
}

/** One study per line, masked for `role` (initials, MRN last characters, `ACC •••1234`). */
export function renderStudy(result: StudyCheckResult, role: Role, showPhi = false): Rendered {
  const text = 'Study lookup result';
  if (result.tooMany)
    return {
      text,
      blocks: [
        section(
          `More than ${result.maxMatches} ${result.maxMatches === 1 ? 'study matches' : 'studies match'}. Please use a more specific identifier (an accession number rather than an MRN).`,
        ),
      ],
    };
  if (!result.found) {
    return {
      text,
      blocks: [
        section(`Not found in ${result.searched.map(e).join(', ') || 'any site'}.`),
        ...unreachableNote(result.unreachable),
      ],
    };
  }
  const lines = result.matches.map(({ record, facts }) => {
    const m = maskStudy(record, role, { showPhi });
    const who = [m.patientName, m.patientId]
      .filter(Boolean)
      .map((x) => e(String(x)))
      .join(' · ');
    const counts = [
      facts.series !== undefined ? `${facts.series} series` : '',
      facts.instances !== undefined ? `${facts.instances} images` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const arriving = facts.arriving ? '⏳ still arriving' : '✅ complete';
    return [
      `*${e(m.accession ?? 'no accession')}* at *${e(m.site)}* · ${e(facts.date ?? 'no date')} · ${e(facts.modalities.join(', ') || '—')}`,
      `${e(m.description ?? '')}${counts ? ` · ${counts}` : ''} · ${arriving}${facts.lastReceived ? ` · last received ${e(facts.lastReceived.slice(0, 16).replace('T', ' '))} UTC` : ''}`,
      ...(who ? [`Patient: ${who}`] : []),
    ].join('\n');
  });
  return {
    text,
    blocks: [
      section(`*Found ${result.matches.length} ${result.matches.length === 1 ? 'study' : 'studies'}*`),
      ...lines.map(section),
      ...unreachableNote(result.unreachable),
    ],
  };
}

export function renderQueue(q: QueueSummary, now: Date): Rendered {
  const s = q.byState;
  const head = `*${e(q.site)} transfer queue*: ${s.pending} pending · ${s.running} running · ${s.failed} failed${q.oldestPendingAgeMs ? ` · oldest pending ${formatMinutes(Math.round(q.oldestPendingAgeMs / 60_000))}` : ''}`;
  const destinations = q.destinations
    .slice(0, 10)
    .map((d) => `• \`${e(d.destination)}\`: ${d.pending} pending, ${d.running} running, ${d.failed} failed`)
    .join('\n');
  const failures = q.recentFailures
    .map(
      (f) =>
        `• ${e(f.kind)} → \`${e(f.destination)}\` ${e(f.causeLabel)} (${formatMinutes(Math.max(0, Math.round((now.getTime() - Date.parse(f.at)) / 60_000)))} ago) \`${e(f.id.slice(0, 12))}\``,
    )
    .join('\n');
  return {
    text: 'Queue status',
    blocks: [
      section(head),
      ...(destinations ? [section(destinations)] : []),
      ...(failures ? [section(`*Recent failures*\n${failures}`)] : [context('No failures in the last 24 hours.')]),
    ],
  };
}

export function renderEcho(r: EchoCheckResult): Rendered {
  const label = `\`${e(r.alias)}\`${r.description ? ` (${e(r.description)})` : ''}`;
  const how = r.via === 'pacs' ? `through ${e(r.site)}` : 'directly from PACS Desk';
  const text = r.ok
    ? `✅ ${label} answered a DICOM echo ${how} in ${r.ms} ms.`
    : `❌ ${label} did not answer a DICOM echo ${how}: ${(r.cause ?? 'other').replace('_', ' ')}.`;
  return { text: r.ok ? 'Echo succeeded' : 'Echo failed', blocks: [section(text)] };
}

export function renderUnidentified(r: UnidentifiedResult, role: Role): Rendered {
  const reasons = Object.entries(r.byReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason.replace(/_/g, ' ')}`)
    .join(', ');
  const head = `*${r.flaggedCount} of ${r.scanned} studies* in the last ${r.days} days need reconciling${reasons ? `: ${reasons}` : ''}.`;
  const lines = r.flagged.slice(0, 20).map(({ record, reasons: why }) => {
    const m = maskStudy(record, role);
    return `• ${e(m.accession ?? 'no accession')} · ${e(m.studyDate ?? '')} · ${e(m.modalities.join(', '))} · ${why.map((w) => w.replace(/_/g, ' ')).join(', ')}`;
  });
  return {
    text: 'Unidentified studies',
    blocks: [section(head), ...(lines.length ? [section(lines.join('\n'))] : []), ...unreachableNote(r.unreachable)],
  };
}

export function renderStatus(r: StatusResult): Rendered {
  const lines = r.sites.map((s) => {
    if (!s.reachable) return `❌ *${e(s.site)}*: ${e(s.problem ?? 'not reachable')}`;
    const storage = s.storage ? ` · ${s.storage.studies} studies` : '';
    const backlog = s.backlog ? ` · queue ${s.backlog.pending} pending, ${s.backlog.failed} failed` : '';
    return `✅ *${e(s.site)}* ${s.version ? `v${e(s.version)} ` : ''}· ${s.latencyMs ?? '?'} ms${storage}${backlog}`;
  });
  return { text: 'PACS status', blocks: [section(lines.join('\n'))] };
}

function unreachableNote(sites: string[]): KnownBlock[] {
  return sites.length ? [context(`Not reachable right now: ${sites.map(e).join(', ')}.`)] : [];
}

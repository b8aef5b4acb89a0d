import type { KnownBlock } from '@slack/types';
import type { Role } from '../../../core/roles.js';
import type { AnomaliesResult } from '../../../pacs/checks/anomalies.js';
import { anomalyTicketSummary, maskAnomaly } from '../../../pacs/checks/anomalies-mask.js';
import { escapeSlack as e, truncate } from '../../format/escape.js';
import { ActionId } from '../../ids.js';
import { context, section } from '../mrkdwn-blocks.js';
import type { Rendered } from './check-result-blocks.js';

/** Ten items per section: twenty long lines could pass Slack's 3,000-character section limit. */
const chunks = (lines: string[]) =>
  Array.from({ length: Math.ceil(lines.length / 10) }, (_, i) => lines.slice(i * 10, i * 10 + 10).join('\n'));
const words = (s: string) => s.replace(/_/g, ' ');

/** Counts by kind first, then the listed items masked for `role`. */
export function renderAnomalies(r: AnomaliesResult, role: Role): Rendered {
  const counts = Object.entries(r.counts)
    .map(([kind, n]) => `${words(kind)}: *${n}*`)
    .join(' · ');
  const head = `*${r.total} ${r.total === 1 ? 'anomaly' : 'anomalies'}* in ${r.scanned} studies of the last ${r.days} days.\n${counts}`;
  const lines = r.items.map((item) => {
    const m = maskAnomaly(item, role);
    const patients = m.patientIds.length ? ` · patients ${m.patientIds.map(e).join(', ')}` : '';
    const instances = m.instancesBySite
      ? ` · instances ${Object.entries(m.instancesBySite)
          .map(([site, n]) => `${e(site)} ${n}`)
          .join(', ')}`
      : '';
    const reasons = m.reasons ? ` · ${m.reasons.map(words).join(', ')}` : '';
    const modalities = m.worklistModalities
      ? ` · study ${e((m.studyModalities ?? []).join('/'))}, worklist ${e(m.worklistModalities.join('/'))}`
      : '';
    return `• *${words(m.kind)}* · ${e(m.sites.join(', '))} · ${e(m.accession ?? 'no accession')} · ${e(m.studyDate ?? '')}${patients}${instances}${reasons}${modalities}`;
  });
  const more = r.total > r.items.length ? [context(`Showing ${r.items.length} of ${r.total}.`)] : [];
  const unreachable = r.unreachable.length
    ? [context(`Not reachable right now: ${r.unreachable.map(e).join(', ')}.`)]
    : [];
  const noWorklist = r.searched.filter((s) => !r.worklistSites.includes(s) && !r.worklistUnreachable.includes(s));
  const worklist = [
    ...(r.worklistUnreachable.length
      ? [context(`Worklist not reachable right now: ${r.worklistUnreachable.map(e).join(', ')}.`)]
      : []),
    ...(noWorklist.length
      ? [context(`No worklist to compare modalities with on: ${noWorklist.map(e).join(', ')}.`)]
      : []),
  ];
  const truncated = r.truncated.length
    ? [context(`More studies than swept on: ${r.truncated.map(e).join(', ')}.`)]
    : [];
  // One button per listed item (numbered like the list): the ticket form opens with a summary that names no
  // patient, accession or UID; whoever files it adds the identifiers in the description if needed.
  const tickets: KnownBlock[] = r.items.length
    ? [
        {
          type: 'actions',
          block_id: 'anomaly_tickets',
          elements: r.items.map((item, i) => ({
            type: 'button',
            action_id: `${ActionId.OpenTicketFromAnomaly}:${i + 1}`,
            text: { type: 'plain_text', text: `🎫 ${i + 1}` },
            value: truncate(anomalyTicketSummary(item), 150),
          })),
        },
        context('🎫 n opens a ticket for item n, its summary without identifiers.'),
      ]
    : [];
  const numbered = lines.map((line, i) => line.replace(/^• /, `${i + 1}. `));
  return {
    text: 'Data-integrity anomalies',
    blocks: [
      section(head),
      ...chunks(numbered).map(section),
      ...tickets,
      ...more,
      ...unreachable,
      ...worklist,
      ...truncated,
    ],
  };
}

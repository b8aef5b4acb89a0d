import type { Role } from '../../../core/roles.js';
import { maskWorklistItem } from '../../../pacs/checks/mask-worklist.js';
import type { WorklistCheckResult } from '../../../pacs/checks/worklist-result.js';
import { escapeSlack as e } from '../../format/escape.js';
import { section } from '../mrkdwn-blocks.js';
import type { Rendered } from './check-result-blocks.js';

/** Slack allows 50 blocks; a patient with more items than this gets the first ones and a count. */
const maxItems = 20;

/**
 * A worklist lookup: one item per section (scheduling facts, masked identifiers for `role`), then the
 * hints; or a station's day as counts. The notification text never holds patient data.
 */
export function renderWorklist(result: WorklistCheckResult, role: Role): Rendered {
  if (result.kind === 'station') {
    const s = result.summary;
    return {
      text: 'Worklist station summary',
      blocks: [section(`*${e(result.station)}* at *${e(result.site)}*: ${e(s.text)}.`)],
    };
  }
  const hints = result.hints.length
    ? [section(`*Why a scanner may not show it*\n${result.hints.map((h) => `• ${e(h)}`).join('\n')}`)]
    : [];
  const text = 'Worklist lookup result';
  if (!result.found) {
    return { text, blocks: [section(`*Not on the worklist* of ${e(result.site)}.`), ...hints] };
  }
  const lines = result.items.slice(0, maxItems).map((item) => {
    const m = maskWorklistItem(item, role);
    const station = m.scheduledStationAet
      ? `station \`${e(m.scheduledStationAet)}\`${m.scheduledStationName ? ` (${e(m.scheduledStationName)})` : ''}`
      : 'no station';
    const who = [m.patientName, m.patientId].filter(Boolean).map((x) => e(String(x)));
    return [
      `*${e(m.accession ?? 'no accession')}* · ${e(m.modality ?? '—')} · ${station} · ${e(m.scheduledStart?.replace('T', ' ') ?? 'no start')} · ${e(m.status ?? 'no status')}`,
      e(m.procedure ?? 'no procedure'),
      ...(who.length ? [`Patient: ${who.join(' · ')}`] : []),
    ].join('\n');
  });
  const n = result.items.length;
  const more = n > maxItems ? [section(`…and ${n - maxItems} more.`)] : [];
  return {
    text,
    blocks: [
      section(`*On the worklist* of ${e(result.site)}: ${n} ${n === 1 ? 'item' : 'items'}`),
      ...lines.map(section),
      ...more,
      ...hints,
    ],
  };
}

import type { KnownBlock } from '@slack/types';
import type { KbGap } from '../../../knowledge-loop/kb-gaps.js';
import { escapeSlack, truncate } from '../../format/escape.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Channels as Slack renders them; direct messages are counted, not linked. */
function where(channels: string[]): string {
  const linked = channels.filter((c) => /^[CG][A-Z0-9]+$/.test(c)).map((c) => `<#${c}>`);
  const dms = channels.filter((c) => c.startsWith('D')).length;
  return [...linked, ...(dms > 0 ? [dms === 1 ? 'a DM' : `${dms} DMs`] : [])].join(' ') || 'unknown channels';
}

function gapLine(gap: KbGap): string {
  const why = [
    gap.reasons.abstained > 0 ? `${gap.reasons.abstained} not answered` : '',
    gap.reasons.thumbsDown > 0 ? `${gap.reasons.thumbsDown} 👎` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const near = gap.nearest[0];
  const page = near
    ? `\`${escapeSlack(near.source)}\`${near.heading ? ` › ${escapeSlack(truncate(near.heading, 80))}` : ''}`
    : '_none close_';
  return [
    `*${escapeSlack(truncate(gap.topic, 60))}* · ${plural(gap.count, 'question')} (${why}) in ${where(gap.channels)}`,
    `Nearest page: ${page}`,
  ].join('\n');
}

/**
 * The KB owners' part of App Home: the top gaps (topic, count, channels, nearest page). No question text: a
 * topic is a few words, and the full redacted questions stay in `pacs-desk kb gaps`.
 *
 * @example blocks.push(...buildKbGapsSection(await kbGaps({ queries }, range), { days: 30 }))
 */
export function buildKbGapsSection(gaps: KbGap[], options: { days: number; limit?: number }): KnownBlock[] {
  const top = gaps.slice(0, options.limit ?? 5);
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Knowledge base gaps' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Questions I could not answer and answers marked 👎 in the last ${plural(options.days, 'day')}, grouped by topic. \`pacs-desk kb gaps\` lists them all.`,
        },
      ],
    },
  ];
  if (top.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'No gaps: every question was answered, no 👎.' } });
    return blocks;
  }
  for (const gap of top) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: gapLine(gap) } });
  if (gaps.length > top.length)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${plural(gaps.length - top.length, 'more topic')}.` }],
    });
  return blocks;
}

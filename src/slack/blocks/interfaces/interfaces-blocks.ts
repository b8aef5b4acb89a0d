import type { KnownBlock } from '@slack/types';
import type { ChannelLine, InterfacesReport, InterfacesUnavailable } from '../../../interfaces/interfaces-report.js';
import { formatMinutes } from '../../../tickets/sla-clock.js';
import { escapeSlack as e, truncate } from '../../format/escape.js';
import type { Rendered } from '../pacs/check-result-blocks.js';

const SECTION_CHARS = 2900;
/** Slack allows 50 blocks in a message; the last one left says how many channels did not fit. */
const MAX_BLOCKS = 48;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_CHARS) }],
});
const hhmm = (iso: string) => `${iso.slice(11, 16)} UTC`;

const stateIcon: Partial<Record<ChannelLine['state'], string>> = {
  started: '🟢',
  starting: '🟢',
  paused: '⏸️',
  pausing: '⏸️',
  stopped: '🔴',
  stopping: '🔴',
};

function lastMessage(line: ChannelLine, checkedAt: string): string {
  if (!line.lastMessageAt) return 'last message unknown';
  const minutes = Math.max(0, Math.round((Date.parse(checkedAt) - Date.parse(line.lastMessageAt)) / 60_000));
  return minutes === 0 ? 'last message just now' : `last message ${formatMinutes(minutes)} ago`;
}

/** One channel: icon, name, state, counts, last message; its problems under it. Names are configuration only. */
function channelLine(line: ChannelLine, checkedAt: string): string {
  const counts = `${line.received} received · ${line.queued} queued · ${line.errored} errored`;
  const head = `${stateIcon[line.state] ?? '⚪'} *${e(line.name)}* · ${line.state} · ${counts} · ${lastMessage(line, checkedAt)}`;
  return line.problems.length ? `${head}\n      ⚠️ ${line.problems.map(e).join('; ')}` : head;
}

/** Lines packed into as few sections as Slack's text limit allows, under a title. */
function sections(title: string, lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = `*${title}*`;
  for (const line of lines.map((l) => truncate(l, SECTION_CHARS - 50))) {
    if (current.length + 1 + line.length > SECTION_CHARS) {
      blocks.push(section(current));
      current = line;
    } else current = `${current}\n${line}`;
  }
  return [...blocks, section(current)];
}

function renderUnavailable(r: InterfacesUnavailable): Rendered {
  return {
    text: 'Interface engine status: could not be read',
    blocks: [
      section(`❌ *Interface engine (${e(r.engine)})* could not be read. ${e(r.error.userMessage)}`),
      context(`Cause: ${e(r.error.cause)} · checked ${hhmm(r.checkedAt)}`),
    ],
  };
}

/**
 * `/pacs interfaces` as an ephemeral reply: channels with problems first, then the rest, each with state, counts
 * and last message time. Channel names, states, counts and causes only: never message content, hosts or stacks.
 */
export function renderInterfacesBlocks(report: InterfacesReport | InterfacesUnavailable): Rendered {
  if ('error' in report) return renderUnavailable(report);
  const { totals, checkedAt } = report;
  const head = section(
    `*Interface engine (${e(report.engine)})*: ${totals.channels} channel${totals.channels === 1 ? '' : 's'} · ${totals.withProblems} with problems · ${totals.queued} queued · ${totals.errored} errored`,
  );
  const text = `Interface engine status: ${totals.withProblems} of ${totals.channels} channels need attention`;
  if (totals.channels === 0) {
    return { text, blocks: [head, context(`No channel is deployed. Checked ${hhmm(checkedAt)}.`)] };
  }
  const troubled = report.channels.filter((c) => c.problems.length > 0);
  const fine = report.channels.filter((c) => c.problems.length === 0);
  const body = [
    ...(troubled.length
      ? sections(
          'Needs attention',
          troubled.map((c) => channelLine(c, checkedAt)),
        )
      : []),
    ...(fine.length
      ? sections(
          'Running normally',
          fine.map((c) => channelLine(c, checkedAt)),
        )
      : []),
  ];
  const kept = body.slice(0, MAX_BLOCKS - 2);
  const cut = body.length > kept.length ? ' Some channels did not fit: `pacs-desk pacs interfaces` lists all.' : '';
  return { text, blocks: [head, ...kept, context(`Checked ${hhmm(checkedAt)}.${cut}`)] };
}

import type { KnownBlock, MarkdownBlock } from '@slack/types';
import type { TroubleshootingGuide } from '../../answers/types.js';
import { escapeSlack, fitMarkdown, truncate } from '../format/escape.js';
import { guideStep, guideTotal, guideValue } from '../guide/guide-path.js';
import { ActionId, BlockId } from '../ids.js';
import { maxAnswerChars } from './answer-blocks.js';

export interface GuideButtons {
  /** Tickets are on: the end of the path offers "Open a ticket". */
  tickets: boolean;
}

const button = (actionId: string, text: string, value: string, style?: 'primary') => ({
  type: 'button' as const,
  action_id: actionId,
  value,
  text: { type: 'plain_text' as const, text },
  ...(style ? { style } : {}),
});

/** The buttons under the message that shows step `n` of the guide (1 = the answer itself). */
export function buildGuideActions(
  answerId: string,
  guide: TroubleshootingGuide,
  n: number,
  opts: GuideButtons,
): KnownBlock {
  const total = guideTotal(guide);
  const last = n >= total;
  const elements = [
    ...(last
      ? []
      : [button(ActionId.GuideNextStep, `➡️ Next step (${n + 1} of ${total})`, guideValue(answerId, n + 1))]),
    button(ActionId.GuideFixed, '✅ That fixed it', guideValue(answerId, n), last ? undefined : 'primary'),
    ...(opts.tickets && last
      ? [button(ActionId.GuideOpenTicket, '🎫 Open a ticket', guideValue(answerId, n), 'primary')]
      : []),
  ];
  return { type: 'actions', block_id: BlockId.GuideActions, elements };
}

export interface GuideStepMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Step `n` (2..total) posted in the thread: its heading, its text, where it comes from, and the buttons. */
export function buildGuideStepMessage(
  answerId: string,
  guide: TroubleshootingGuide,
  n: number,
  opts: GuideButtons,
): GuideStepMessage | undefined {
  const step = guideStep(guide, n);
  if (!step) return undefined;
  const total = guideTotal(guide);
  const title = `Step ${n} of ${total}: ${step.heading}`;
  const body = fitMarkdown(escapeSlack(step.markdown), maxAnswerChars - title.length - 16);
  const cite = `${escapeSlack(truncate(`${guide.title} › ${step.heading}`, 120))} \`${escapeSlack(step.source)}#${escapeSlack(step.anchor)}\``;
  const blocks: KnownBlock[] = [
    { type: 'markdown', text: `**${escapeSlack(title)}**\n\n${body}` } satisfies MarkdownBlock,
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`Source: ${cite}`, 2900) }] },
  ];
  if (n >= total) {
    const end = opts.tickets
      ? 'That was the last step on this page. Still not fixed? Open a ticket: the steps you tried are filled in.'
      : 'That was the last step on this page. Still not fixed? Contact the PACS team.';
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: end }] });
  }
  blocks.push(buildGuideActions(answerId, guide, n, opts));
  return { text: escapeSlack(truncate(title, 280)), blocks };
}

/** The private reply to a guide button whose answer record has expired (30 days) or whose value is not ours. */
export const guideGoneText =
  'This troubleshooting guide is no longer available. Ask the question again for a fresh one.';

/** What replaces the buttons once they were used: a one-line note, so only the newest step has live buttons. */
export function guideNote(text: string): KnownBlock {
  // Its own block_id: Slack asks for a new block_id when an updated message changes a block.
  return { type: 'context', block_id: BlockId.GuideNote, elements: [{ type: 'mrkdwn', text }] };
}

/** The message's blocks with the guide buttons swapped for `note`; undefined when it has none (already used). */
export function replaceGuideActions(blocks: unknown[] | undefined, note: KnownBlock): KnownBlock[] | undefined {
  const list = (blocks ?? []) as KnownBlock[];
  const at = list.findIndex((b) => b.type === 'actions' && b.block_id === BlockId.GuideActions);
  if (at < 0) return undefined;
  return list.map((b, i) => (i === at ? note : b));
}

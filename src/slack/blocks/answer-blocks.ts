import type { KnownBlock, MarkdownBlock } from '@slack/types';
import { type Answer, AnswerMode, type Citation } from '../../answers/types.js';
import { ErrorCode } from '../../core/errors.js';
import { escapeSlack, fitMarkdown, truncate } from '../format/escape.js';
import { ActionId, BlockId } from '../ids.js';

/** Slack's markdown block holds up to 12,000 characters (counted after escaping). */
export const maxAnswerChars = 11_500;

export interface AnswerMessage {
  /** Notification and fallback text: generic or KB-derived, never patient data. */
  text: string;
  blocks: KnownBlock[];
}

export function citationLabel(c: Citation): string {
  return c.heading && c.heading !== c.title ? `${c.title} › ${c.heading}` : c.title;
}

function citationMrkdwn(c: Citation): string {
  const label = escapeSlack(truncate(citationLabel(c), 120));
  if (c.url) return `*[${c.n}]* <${c.url}|${label}>`;
  return `*[${c.n}]* ${label} \`${escapeSlack(c.source)}${c.anchor ? `#${escapeSlack(c.anchor)}` : ''}\``;
}

export function buildSourcesBlock(citations: Citation[], heading = 'Sources'): KnownBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncate(`${heading}: ${citations.map(citationMrkdwn).join('  ·  ')}`, 2900) }],
  };
}

export function buildFeedbackActions(answerId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: BlockId.FeedbackActions,
    elements: [
      {
        type: 'button',
        action_id: ActionId.FeedbackUp,
        value: answerId,
        text: { type: 'plain_text', text: '👍 Helpful' },
      },
      {
        type: 'button',
        action_id: ActionId.FeedbackDown,
        value: answerId,
        text: { type: 'plain_text', text: '👎 Not helpful' },
      },
    ],
  };
}

const fallbackNotes: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.LlmQuotaExceeded]: "Quoted from the knowledge base: you have used this hour's AI-written answers.",
  [ErrorCode.LlmInputTooLong]: 'Quoted from the knowledge base: the question is too long for an AI-written answer.',
  [ErrorCode.LlmBudgetExhausted]: "Quoted from the knowledge base: today's budget of AI-written answers is used up.",
};

function modeNote(answer: Answer): string {
  if (answer.mode === AnswerMode.Llm) return 'AI-written from the cited pages. Check the source before acting.';
  if (answer.fallbackReason) {
    return (
      fallbackNotes[answer.fallbackReason] ?? 'Quoted from the knowledge base (the AI answer service was unavailable).'
    );
  }
  return 'Quoted from the knowledge base.';
}

/** The tail appended after an answer: sources, a note on how it was made, feedback buttons. */
export function buildAnswerFooter(answer: Answer, answerId: string, extra: KnownBlock[] = []): KnownBlock[] {
  return [
    buildSourcesBlock(answer.citations),
    { type: 'context', elements: [{ type: 'mrkdwn', text: modeNote(answer) }] },
    ...extra,
    buildFeedbackActions(answerId),
  ];
}

/** A complete answer message: the answer itself, then the footer; or the "I don't know" message. */
export function buildAnswerMessage(answer: Answer, answerId: string, extra: KnownBlock[] = []): AnswerMessage {
  if (answer.mode === AnswerMode.Abstain) return buildAbstainMessage(answer, answerId, extra);
  const body = fitMarkdown(escapeSlack(answer.markdown), maxAnswerChars);
  return {
    // The notification text is escaped like the blocks: it is shown (and parsed for mentions) by every client.
    text: escapeSlack(truncate(answer.markdown.replace(/\s+/g, ' '), 280)),
    blocks: [{ type: 'markdown', text: body } satisfies MarkdownBlock, ...buildAnswerFooter(answer, answerId, extra)],
  };
}

function buildAbstainMessage(answer: Answer, answerId: string, extra: KnownBlock[]): AnswerMessage {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: "*I don't know.* The knowledge base doesn't cover this, and I won't guess. A person from the PACS team can help.",
      },
    },
  ];
  if (answer.nearest.length > 0) blocks.push(buildSourcesBlock(answer.nearest, 'Nearest pages, in case they help'));
  blocks.push(...extra, buildFeedbackActions(answerId));
  return { text: "I don't know: the knowledge base doesn't cover this.", blocks };
}

import type { ErrorCode } from '../core/errors.js';
import type { PageScope } from '../kb/types.js';

export interface Citation {
  /** The number the answer text uses, e.g. 1 for "[1]". */
  n: number;
  source: string;
  title: string;
  heading: string;
  anchor: string;
  url?: string;
}

export const AnswerMode = { Llm: 'llm', Extractive: 'extractive', Abstain: 'abstain' } as const;
export type AnswerMode = (typeof AnswerMode)[keyof typeof AnswerMode];

export interface Answer {
  mode: AnswerMode;
  answerable: boolean;
  /** Plain Markdown; surfaces escape it for their own format. Empty when abstaining. */
  markdown: string;
  citations: Citation[];
  /** When abstaining: the nearest pages, for the user to read. */
  nearest: Citation[];
  confidence: number;
  /** Set when the LLM was configured but failed or was not asked (quota, length, redaction), so the extractive answer stood in. */
  fallbackReason?: ErrorCode;
  /** The model offered to open a ticket (it cannot): the surface may offer its own button instead. */
  suggestsTicket?: boolean;
  /** Set when the answer comes from a troubleshooting page: the surface offers "Next step" / "That fixed it". */
  guide?: TroubleshootingGuide;
}

/** One action section of a troubleshooting page, as walked in the thread by "Next step". */
export interface GuideStep {
  source: string;
  anchor: string;
  heading: string;
  /** The section's text, trimmed for a phone (numbered steps kept whole); plain Markdown, vetted like an answer. */
  markdown: string;
}

/** A troubleshooting page's way out: the action sections after the one the answer led with, in page order. */
export interface TroubleshootingGuide {
  source: string;
  title: string;
  /** Sections still to try, first to last; empty when the answer already showed the last one. */
  remaining: GuideStep[];
  /** Heading of the section the answer led with (the first step tried). */
  shown: string;
}

/** An earlier turn of the conversation, for follow-up questions in a thread. */
export interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

export interface AnswerRequest {
  question: string;
  /** Earlier turns of the same thread, oldest first. */
  history?: Turn[];
  /** Who asks: for the per-user LLM quota. */
  userId?: string;
  /** Streams the LLM's answer as it is written, vetted a line at a time (only on the LLM path). */
  onDelta?: (delta: string) => void | Promise<void>;
  /** The part of the KB to answer from (a channel's scope); absent: the whole KB. Outside it, the answer abstains. */
  scope?: PageScope;
  /** For a channel shared with other organisations: the answer's text goes through the PHI redactor too. */
  noIdentifiers?: boolean;
}

import type { KbChunk, KnowledgeBase, SearchResponse } from './types.js';

/** One benchmark line: `expected` lists every source that answers it; empty means the KB cannot answer. */
export interface EvalQuestion {
  id: string;
  question: string;
  expected: string[];
  /** Per expected page, the heading paths (H1 down) of the sections that resolve the question. */
  accept?: Record<string, string[][]>;
}

export interface EvalQuestionResult {
  id: string;
  expected: string[];
  /** Distinct sources in result order (first 5). */
  sources: string[];
  /** 1-based rank of the first expected source among distinct sources, or null. */
  rank: number | null;
  answerable: boolean;
  confidence: number;
  /** The cited section (what an answer leads with) lies in an accepted section; null when none are labelled. */
  usefulSection: boolean | null;
  /** The cited section is on a page with accepted sections (so usefulness measures the section, not the ranking). */
  onAcceptedPage?: boolean;
}

export interface EvalReport {
  hit1: number;
  hit3: number;
  hit5: number;
  mrr: number;
  abstainedUnanswerable: number;
  unanswerableCount: number;
  falseAbstentions: number;
  answerableCount: number;
  /** Share of labelled answerable questions whose top passage is in an accepted section. */
  usefulness: number;
  usefulnessCount: number;
  /** Usefulness among labelled questions whose cited section is on an accepted page: the section choice alone. */
  usefulnessOnPage: number;
  usefulnessOnPageCount: number;
  perQuestion: EvalQuestionResult[];
}

/** Chunks fetched per question: enough to see 5 distinct pages even when one page has many good chunks. */
const SEARCH_DEPTH = 30;

/**
 * Runs the questions through the KB and scores retrieval by page: hit@k and MRR use the first result whose source is
 * expected, after de-duplicating sources. Hits count even when the KB abstained (retrieval quality); abstention is
 * reported separately as `falseAbstentions` (answerable, abstained) and `abstainedUnanswerable`. No side effects
 * beyond the searches.
 *
 * @example const report = await evaluate(kb, [{ id: 'q1', question: 'pull priors', expected: ['faq/qr.md'] }])
 */
export interface EvaluateOptions {
  /**
   * The section an answer leads with for this question and response (the answer service's choice); default the top
   * passage. Passed in because the KB must not depend on the answer layer.
   */
  leadOf?: (question: string, response: SearchResponse) => KbChunk | undefined;
}

export async function evaluate(
  kb: KnowledgeBase,
  questions: readonly EvalQuestion[],
  options: EvaluateOptions = {},
): Promise<EvalReport> {
  const leadOf = options.leadOf ?? ((_question: string, response: SearchResponse) => response.results[0]?.chunk);
  const perQuestion: EvalQuestionResult[] = [];
  for (const q of questions) {
    const response = await kb.search(q.question, { limit: SEARCH_DEPTH });
    const sources = [...new Set(response.results.map((r) => r.chunk.source))];
    const index = sources.findIndex((source) => q.expected.includes(source));
    perQuestion.push({
      id: q.id,
      expected: q.expected,
      sources: sources.slice(0, 5),
      rank: q.expected.length > 0 && index >= 0 ? index + 1 : null,
      answerable: response.answerable,
      confidence: response.confidence,
      ...leadScore(q, leadOf(q.question, response)),
    });
  }
  return summarize(perQuestion);
}

/** Aggregates per-question results into the report (shared with baselines that rank pages another way). */
export function summarize(perQuestion: EvalQuestionResult[]): EvalReport {
  const answerable = perQuestion.filter((q) => q.expected.length > 0);
  const unanswerable = perQuestion.filter((q) => q.expected.length === 0);
  const labelled = answerable.filter((q) => q.usefulSection !== null);
  const onPage = labelled.filter((q) => q.onAcceptedPage);
  const share = (predicate: (q: EvalQuestionResult) => boolean) =>
    answerable.length === 0 ? 0 : answerable.filter(predicate).length / answerable.length;
  return {
    hit1: share((q) => q.rank !== null && q.rank <= 1),
    hit3: share((q) => q.rank !== null && q.rank <= 3),
    hit5: share((q) => q.rank !== null && q.rank <= 5),
    mrr:
      answerable.length === 0
        ? 0
        : answerable.reduce((sum, q) => sum + (q.rank ? 1 / q.rank : 0), 0) / answerable.length,
    abstainedUnanswerable: unanswerable.filter((q) => !q.answerable).length,
    unanswerableCount: unanswerable.length,
    falseAbstentions: answerable.filter((q) => !q.answerable).length,
    answerableCount: answerable.length,
    usefulness: labelled.length === 0 ? 0 : labelled.filter((q) => q.usefulSection).length / labelled.length,
    usefulnessCount: labelled.length,
    usefulnessOnPage: onPage.length === 0 ? 0 : onPage.filter((q) => q.usefulSection).length / onPage.length,
    usefulnessOnPageCount: onPage.length,
    perQuestion,
  };
}

function leadScore(
  q: EvalQuestion,
  chunk: { source: string; headingPath: string[] } | undefined,
): Pick<EvalQuestionResult, 'usefulSection' | 'onAcceptedPage'> {
  const useful = usefulSection(q, chunk);
  if (useful === null) return { usefulSection: null };
  return { usefulSection: useful, onAcceptedPage: chunk !== undefined && q.accept?.[chunk.source] !== undefined };
}

/**
 * Whether `chunk` sits inside a section the question's labels accept: same page, and the chunk's heading path
 * starts with an accepted path (a subsection of an accepted section counts). Headings are compared without
 * Markdown decoration (links, code ticks, escapes) and case.
 */
function usefulSection(q: EvalQuestion, chunk: { source: string; headingPath: string[] } | undefined): boolean | null {
  if (!q.accept || q.expected.length === 0 || Object.keys(q.accept).length === 0) return null;
  if (!chunk) return false;
  const paths = q.accept[chunk.source] ?? [];
  const have = chunk.headingPath.map(plainHeading);
  return paths.some((path) => path.length <= have.length && path.every((h, i) => plainHeading(h) === have[i]));
}

function plainHeading(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\[[^\]]*\]|\[([^\]]*)\]\([^)]*\)/g, '$1$2')
    .replace(/[`*_\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

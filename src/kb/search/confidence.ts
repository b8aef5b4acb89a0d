import { explainPage } from './coverage.js';
import { documentFrequency, type LexicalIndex } from './lexical-index.js';
import { pageRange } from './page-fields.js';
import type { Ranking } from './rank.js';
import { siteFactSubject } from './site-fact.js';

/**
 * Abstention rule, one setting for every KB size. Checked on the bundled starter KB (20 articles, 186 chunks,
 * test/fixtures/starter-questions.jsonl) and on bench/questions/corpora.jsonl (155 pages, 1,874 chunks); see
 * test/kb/confidence.test.ts. Neither signal is a raw BM25 score, so the rule does not drift with corpus size.
 */
export const CONFIDENCE = {
  /** Share of the confidence given by IDF-weighted coverage; the rest is support (explained-word count). */
  coverageWeight: 0.5,
  /** Explained words at which support saturates (or every counted word, for shorter questions). */
  supportWords: 4,
  /** Below this confidence the KB abstains. */
  threshold: 0.48,
  /** Site-fact questions (site-fact.ts): IDF-weighted share of the subject's words the top page must explain. */
  subjectCoverage: 0.75,
} as const;

/** Signals of the top result, exposed for calibration and the eval report. */
export interface ConfidenceSignals {
  /** IDF-weighted share of the typed terms the top page explains (0..1). */
  coverage: number;
  /** Explained words over min(supportWords, counted words), capped at 1. */
  support: number;
  /** Top fused lexical score; informative only, not used by the rule (it scales with corpus size). */
  topScore: number;
}

/**
 * For a site-fact question ("whats the AE title of the new MRI on 3rd floor"), whether the top page names the thing
 * asked about: every word of the question is known to the KB (numbers aside) and the page explains most of the
 * subject's words.
 * True for every other question.
 */
function subjectExplained(index: LexicalIndex, sources: readonly string[], ranking: Ranking): boolean {
  const subject = siteFactSubject(ranking.question);
  const top = ranking.hits[0];
  if (!subject || !top) return true;
  // A word the KB never uses, subject or attribute ("phone" in a KB without a single phone number), settles it.
  if (ranking.typedTerms.some((term) => !/\d/.test(term) && documentFrequency(index, term) === 0)) return false;
  const wanted = new Set(subject);
  const terms = ranking.queryTerms.filter((t) =>
    t.original ? wanted.has(t.term) : (t.from ?? []).some((from) => wanted.has(from)),
  );
  const [start, end] = pageRange(sources, top.doc);
  return explainPage(index, terms, start, end).coverage >= CONFIDENCE.subjectCoverage;
}

/** Extracts the signals used by {@link assessConfidence}. */
export function confidenceSignals(
  index: LexicalIndex,
  sources: readonly string[],
  ranking: Ranking,
): ConfidenceSignals {
  const top = ranking.hits[0];
  if (!top) return { coverage: 0, support: 0, topScore: 0 };
  const [start, end] = pageRange(sources, top.doc);
  const { coverage, explained, counted } = explainPage(index, ranking.queryTerms, start, end);
  const needed = Math.min(CONFIDENCE.supportWords, counted);
  return { coverage, support: needed > 0 ? Math.min(1, explained / needed) : 0, topScore: top.score };
}

/**
 * Decides whether the KB answers the question, from how well the top page explains the question's own words:
 * - coverage: IDF-weighted share of the typed terms the page explains (directly, or through a vocabulary expansion,
 *   credited by the expansion's IDF). Off-topic questions hinge on a rare word the KB never mentions ("epic",
 *   "pacemaker"), which carries the most IDF, so coverage drops. It is a ratio of IDFs of one corpus, so it does
 *   not grow with the corpus the way a BM25 score does.
 * - support: how many distinct words of the question the page explains, saturating at `supportWords`. A page that
 *   shares one word with the question ("password" in "wifi password") is a keyword hit, not an answer; a page that
 *   explains four of its words is evidence even when chatty filler ("20 mins ago", "st marys") drags coverage down.
 *   A count does not depend on corpus size at all.
 * confidence = coverageWeight · coverage + (1 − coverageWeight) · support; answerable when ≥ threshold.
 * A score normalised by the query's self-score (top / score of an ideal page holding every term) was tried as a
 * third signal and dropped: on the starter KB it ranks answerable above unanswerable questions only 62% of the time.
 *
 * @example assessConfidence(index, sources, rank(index, sources, 'cafeteria menu', 5)).answerable // false
 */
export function assessConfidence(
  index: LexicalIndex,
  sources: readonly string[],
  ranking: Ranking,
): { answerable: boolean; confidence: number } {
  const { coverage, support } = confidenceSignals(index, sources, ranking);
  let confidence = CONFIDENCE.coverageWeight * coverage + (1 - CONFIDENCE.coverageWeight) * support;
  if (confidence >= CONFIDENCE.threshold && !subjectExplained(index, sources, ranking))
    confidence = Math.min(confidence, CONFIDENCE.threshold * 0.9);
  return { answerable: confidence >= CONFIDENCE.threshold, confidence };
}

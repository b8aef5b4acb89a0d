import { explainedCoverage } from './coverage.js';
import type { LexicalIndex } from './lexical-index.js';
import type { Ranking } from './rank.js';

/**
 * Abstention calibration (bench/questions/corpora.jsonl, 1,874 chunks; checked on test/fixtures/starter-questions).
 * Recalibrate with `pacs-desk kb eval` if the KB changes a lot in size: BM25 scores grow with corpus size.
 */
export const CONFIDENCE = {
  /** Share of the confidence given by typed-term coverage of the top page; the rest is score strength. */
  coverageWeight: 0.5,
  /** Top lexical score at which score strength saturates. */
  scoreScale: 50,
  /** Below this confidence the KB abstains. */
  threshold: 0.47,
} as const;

/** Signals of the top result, exposed for calibration and the eval report. */
export interface ConfidenceSignals {
  coverage: number;
  topScore: number;
}

/** Chunk range [start, end) of the page holding chunk `doc`; chunks of a page are contiguous in the index. */
function pageRange(sources: readonly string[], doc: number): [number, number] {
  const source = sources[doc];
  let start = doc;
  let end = doc + 1;
  while (start > 0 && sources[start - 1] === source) start--;
  while (end < sources.length && sources[end] === source) end++;
  return [start, end];
}

/** Extracts the signals used by {@link assessConfidence}. */
export function confidenceSignals(
  index: LexicalIndex,
  sources: readonly string[],
  ranking: Ranking,
): ConfidenceSignals {
  const top = ranking.hits[0];
  if (!top) return { coverage: 0, topScore: 0 };
  const [start, end] = pageRange(sources, top.doc);
  return { coverage: explainedCoverage(index, ranking.queryTerms, start, end), topScore: top.score };
}

/**
 * Decides whether the KB answers the question, from two signals of the top result:
 * - coverage: IDF-weighted share of the typed terms that the top page contains, directly or through a vocabulary
 *   expansion. Off-topic questions hinge on a rare word the KB never mentions ("epic", "pacemaker"), which carries
 *   the most IDF, so coverage drops.
 * - strength: the top score (BM25F + proximity + page support), saturating at `scoreScale`. Near-domain questions
 *   match generic words ("mri", "report") and score low.
 * confidence = coverageWeight · coverage + (1 − coverageWeight) · strength; answerable when ≥ threshold.
 * On the bench this abstains on 12/14 off-topic questions and on 2/52 answerable ones (margin is thin: the
 * closest answerable questions sit at 0.49-0.50).
 *
 * @example assessConfidence(index, sources, rank(index, sources, 'cafeteria menu', 5)).answerable // false
 */
export function assessConfidence(
  index: LexicalIndex,
  sources: readonly string[],
  ranking: Ranking,
): { answerable: boolean; confidence: number } {
  const { coverage, topScore } = confidenceSignals(index, sources, ranking);
  const strength = Math.min(1, topScore / CONFIDENCE.scoreScale);
  const confidence = CONFIDENCE.coverageWeight * coverage + (1 - CONFIDENCE.coverageWeight) * strength;
  return { answerable: confidence >= CONFIDENCE.threshold, confidence };
}

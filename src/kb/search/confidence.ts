import type { Ranking } from './rank.js';

/** Abstention thresholds, calibrated on bench/questions/corpora.jsonl (see {@link assessConfidence}). */
export const CONFIDENCE = {
  minCoverage: 0.5,
  minScore: 6,
  answerableAt: 0.5,
} as const;

/** Signals of the top lexical hit, exposed for calibration and the eval report. */
export interface ConfidenceSignals {
  coverage: number;
  topScore: number;
  gap: number;
}

/** Extracts the signals used by {@link assessConfidence}. */
export function confidenceSignals(ranking: Ranking): ConfidenceSignals {
  const first = ranking.hits[0];
  const second = ranking.hits[1];
  if (!first) return { coverage: 0, topScore: 0, gap: 0 };
  return { coverage: first.coverage, topScore: first.score, gap: second ? first.score / second.score - 1 : 1 };
}

/**
 * Decides whether the KB answers the question.
 * TODO calibrate.
 *
 * @example assessConfidence(rank(index, sources, 'cafeteria menu', 5)).answerable // false
 */
export function assessConfidence(ranking: Ranking): { answerable: boolean; confidence: number } {
  const s = confidenceSignals(ranking);
  const coverageScore = Math.min(1, s.coverage / CONFIDENCE.minCoverage) * 0.5;
  const strength = Math.min(1, s.topScore / CONFIDENCE.minScore) * 0.5;
  const confidence = Math.min(1, coverageScore + strength);
  return { answerable: confidence >= CONFIDENCE.answerableAt, confidence };
}

import type { QueryTerm } from './expand-query.js';
import type { LexicalIndex, Posting } from './lexical-index.js';

/**
 * BM25F parameters. Title and headings are short and say what a passage is about, so a match there counts several
 * times a body match; their length normalisation is weaker because every title is short anyway.
 */
export const BM25F = {
  k1: 1.2,
  weights: [5, 2.5, 1],
  b: [0.3, 0.4, 0.75],
} as const;

/** Robertson-Sparck Jones IDF; a term no chunk contains gets the maximum (df = 0). */
export function idf(index: LexicalIndex, df: number): number {
  return Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
}

/** Per-chunk accumulators of one query. */
export interface Bm25fScores {
  score: Float64Array;
  /** Sum of IDF of the typed (original) terms the chunk contains. */
  matchedIdf: Float64Array;
  /** Chunks with a non-zero score. */
  touched: number[];
  /** Body postings of typed terms, by term, for the proximity bonus. */
  postings: Map<string, Posting[]>;
}

/**
 * Scores every chunk containing at least one query term with BM25F (per-field normalised TF, summed with field
 * weights, then saturated once). Only postings are visited, never text.
 *
 * @example scoreBm25f(index, expandQuery('c-move port')).touched
 */
export function scoreBm25f(index: LexicalIndex, terms: readonly QueryTerm[]): Bm25fScores {
  const score = new Float64Array(index.size);
  const matchedIdf = new Float64Array(index.size);
  const touched: number[] = [];
  const postings = new Map<string, Posting[]>();
  const { k1, weights, b } = BM25F;
  for (const term of terms) {
    const list = index.postings.get(term.term);
    if (!list) continue;
    if (term.original) postings.set(term.term, list);
    const termIdf = idf(index, list.length);
    for (const posting of list) {
      let tf = 0;
      for (let f = 0; f < 3; f++) {
        const raw = posting.tf[f] ?? 0;
        if (raw === 0) continue;
        const length = index.lengths[f]?.[posting.doc] ?? 0;
        const bf = b[f] ?? 0.75;
        tf += ((weights[f] ?? 1) * raw) / (1 - bf + (bf * length) / (index.averageLengths[f] ?? 1));
      }
      const doc = posting.doc;
      if (score[doc] === 0) touched.push(doc);
      score[doc] = (score[doc] ?? 0) + (term.weight * termIdf * tf * (k1 + 1)) / (k1 + tf);
      if (term.original) matchedIdf[doc] = (matchedIdf[doc] ?? 0) + termIdf;
    }
  }
  return { score, matchedIdf, touched, postings };
}

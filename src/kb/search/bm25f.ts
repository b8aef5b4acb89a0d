import type { QueryTerm } from './expand-query.js';
import { type LexicalIndex, type PostingList, postingList } from './lexical-index.js';

/**
 * BM25F parameters. Title and headings are short and say what a passage is about, so a match there counts several
 * times a body match; their length normalisation is weaker because every title is short anyway.
 */
export const BM25F = {
  k1: 1.2,
  weights: [5, 2.5, 1],
  b: [0.3, 0.4, 0.75],
  /**
   * Chunks returned per query, best first. Far above what ranking looks at (its candidates), and it spares the
   * ranker an object and a sort per matching chunk: a common word matches most of a 100,000-chunk KB.
   */
  depth: 1000,
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
  /** Chunks with a non-zero score, best first (ties in first-match order), at most `BM25F.depth` of them. */
  touched: number[];
  /** Postings of typed terms, by term, for the proximity bonus. */
  postings: Map<string, PostingList>;
}

/** One field's weighted, length-normalised TF in chunk `doc`. */
function fieldTf(index: LexicalIndex, f: number, doc: number, count: number): number {
  if (count === 0) return 0;
  const bf = BM25F.b[f] as number;
  const norm =
    1 - bf + (bf * ((index.lengths[f] as Float32Array)[doc] as number)) / (index.averageLengths[f] as number);
  return ((BM25F.weights[f] as number) * count) / norm;
}

/** Field-weighted TF of posting `i` of `list`, before saturation. */
function weightedTf(index: LexicalIndex, list: PostingList, i: number): number {
  const doc = list.docs[i] as number;
  return (
    fieldTf(index, 0, doc, list.fieldTf[2 * i] as number) +
    fieldTf(index, 1, doc, list.fieldTf[2 * i + 1] as number) +
    fieldTf(index, 2, doc, (list.posStart[i + 1] as number) - (list.posStart[i] as number))
  );
}

/** Value of rank `k` (0 = smallest) of `values`, reordering them (quickselect). */
function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

/** The `depth` best of `touched` by score, best first; equal scores keep their order in `touched`. */
export function bestFirst(score: Float64Array, touched: readonly number[], depth: number): number[] {
  let kept = [...touched];
  if (kept.length > depth) {
    const threshold = select(
      Float64Array.from(touched, (doc) => score[doc] as number),
      touched.length - depth,
    );
    const above = kept.filter((doc) => (score[doc] as number) > threshold);
    const tied = kept.filter((doc) => score[doc] === threshold).slice(0, depth - above.length);
    const keep = new Set([...above, ...tied]);
    kept = kept.filter((doc) => keep.has(doc));
  }
  return kept.sort((a, b) => (score[b] as number) - (score[a] as number));
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
  const postings = new Map<string, PostingList>();
  const { k1 } = BM25F;
  for (const term of terms) {
    const list = postingList(index, term.term);
    if (!list) continue;
    if (term.original) postings.set(term.term, list);
    const termIdf = idf(index, list.docs.length);
    for (let i = 0; i < list.docs.length; i++) {
      const tf = weightedTf(index, list, i);
      const doc = list.docs[i] as number;
      if (score[doc] === 0) touched.push(doc);
      score[doc] = (score[doc] as number) + (term.weight * termIdf * tf * (k1 + 1)) / (k1 + tf);
      if (term.original) matchedIdf[doc] = (matchedIdf[doc] as number) + termIdf;
    }
  }
  return { score, matchedIdf, touched: bestFirst(score, touched, BM25F.depth), postings };
}

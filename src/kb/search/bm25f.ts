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

/**
 * Per-field factors weight / length normalisation of every chunk, computed once per index: the inner loop of a query
 * then costs three multiplications per posting.
 */
const NORMS = new WeakMap<LexicalIndex, Float64Array[]>();

function normsOf(index: LexicalIndex): Float64Array[] {
  let norms = NORMS.get(index);
  if (!norms) {
    norms = [0, 1, 2].map((f) => {
      const b = BM25F.b[f] as number;
      const weight = BM25F.weights[f] as number;
      const average = index.averageLengths[f] as number;
      return Float64Array.from(index.lengths[f] as Float32Array, (length) => weight / (1 - b + (b * length) / average));
    });
    NORMS.set(index, norms);
  }
  return norms;
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

/** The `depth` best of the first `count` chunks of `touched` by score, best first; ties keep their order there. */
export function bestFirst(
  score: Float64Array,
  touched: ArrayLike<number>,
  depth: number,
  count = touched.length,
): number[] {
  const kept: number[] = [];
  if (count <= depth) {
    for (let i = 0; i < count; i++) kept.push(touched[i] as number);
  } else {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = score[touched[i] as number] as number;
    const threshold = select(values, count - depth);
    let ties = depth;
    for (let i = 0; i < count; i++) if ((score[touched[i] as number] as number) > threshold) ties--;
    for (let i = 0; i < count; i++) {
      const doc = touched[i] as number;
      const value = score[doc] as number;
      if (value > threshold) kept.push(doc);
      else if (value === threshold && ties > 0) {
        kept.push(doc);
        ties--;
      }
    }
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
  const touched = new Int32Array(index.size);
  let count = 0;
  const postings = new Map<string, PostingList>();
  const { k1 } = BM25F;
  const [title, heading, body] = normsOf(index) as [Float64Array, Float64Array, Float64Array];
  for (const term of terms) {
    const list = postingList(index, term.term);
    if (!list) continue;
    if (term.original) postings.set(term.term, list);
    const termIdf = idf(index, list.docs.length);
    const factor = term.weight * termIdf * (k1 + 1);
    const { docs, fieldTf, posStart } = list;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as number;
      const tf =
        (fieldTf[2 * i] as number) * (title[doc] as number) +
        (fieldTf[2 * i + 1] as number) * (heading[doc] as number) +
        ((posStart[i + 1] as number) - (posStart[i] as number)) * (body[doc] as number);
      const add = (factor * tf) / (k1 + tf);
      // A chunk is touched once, when its score first leaves 0 (a weight-0 term touches nothing).
      if (score[doc] === 0 && add !== 0) touched[count++] = doc;
      score[doc] = (score[doc] as number) + add;
      if (term.original) matchedIdf[doc] = (matchedIdf[doc] as number) + termIdf;
    }
  }
  return { score, matchedIdf, touched: bestFirst(score, touched, BM25F.depth, count), postings };
}

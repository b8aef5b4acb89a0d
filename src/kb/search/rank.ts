import { analyze } from './analyzer.js';
import { idf, scoreBm25f } from './bm25f.js';
import { expandQuery, type QueryTerm } from './expand-query.js';
import { documentFrequency, type LexicalIndex } from './lexical-index.js';
import { proximityBonus } from './proximity.js';

/** Ranking knobs beyond BM25F, calibrated on bench/questions/corpora.jsonl. */
export const RANKING = {
  proximityWeight: 0.5,
  /** Candidates that get the (more expensive) proximity and document passes. */
  candidates: 100,
  /** Weight of the support from the same page's other chunks; below 1 so a page's own best chunk stays first. */
  documentBoost: 0.9,
  /** Weight of the third chunk of the page relative to the second. */
  secondSupport: 1,
} as const;

/** One ranked chunk (by array index into the index's chunks) with the signals confidence needs. */
export interface RankedHit {
  doc: number;
  score: number;
  /** IDF-weighted share of the typed terms that the chunk contains (0..1). */
  coverage: number;
}

export interface Ranking {
  hits: RankedHit[];
  /** Analysed typed terms, in question order. */
  typedTerms: string[];
  /** Typed plus expansion terms, as scored. */
  queryTerms: QueryTerm[];
}

/**
 * Lexical ranking: vocabulary-expanded BM25F, a phrase/proximity bonus and page-level support (the best chunk of a
 * page also collects its page's next two chunks, discounted): pages that answer in several places win. `sources[i]` is the source path of chunk i.
 *
 * @example rank(index, sources, 'pull priors from the other site', 10).hits[0]?.doc
 */
export function rank(index: LexicalIndex, sources: readonly string[], question: string, limit: number): Ranking {
  const typedTerms = analyze(question);
  const queryTerms = expandQuery(question);
  const scores = scoreBm25f(index, queryTerms);
  const idfs = new Map<string, number>();
  for (const term of typedTerms) idfs.set(term, idf(index, documentFrequency(index, term)));
  let totalIdf = 0;
  for (const value of idfs.values()) totalIdf += value;
  const { proximityWeight, candidates, documentBoost, secondSupport } = RANKING;
  const hits: RankedHit[] = scores.touched.map((doc) => {
    const coverage = totalIdf > 0 ? Math.min(1, (scores.matchedIdf[doc] ?? 0) / totalIdf) : 0;
    return { doc, score: scores.score[doc] ?? 0, coverage };
  });
  hits.sort((a, b) => b.score - a.score);
  const top = hits.slice(0, candidates);
  for (const hit of top) hit.score += proximityWeight * proximityBonus(typedTerms, scores.postings, idfs, hit.doc);
  const bestBySource = new Map<string, number[]>();
  for (const hit of top) {
    const source = sources[hit.doc] ?? '';
    const list = bestBySource.get(source) ?? [];
    list.push(hit.score);
    bestBySource.set(source, list);
  }
  const boosted = top.map((hit) => {
    const others = (bestBySource.get(sources[hit.doc] ?? '') ?? []).filter((s) => s !== hit.score);
    others.sort((a, b) => b - a);
    const support = (others[0] ?? 0) + secondSupport * (others[1] ?? 0);
    return { ...hit, score: hit.score + documentBoost * support };
  });
  boosted.sort((a, b) => b.score - a.score);
  return { hits: boosted.slice(0, limit), typedTerms, queryTerms };
}

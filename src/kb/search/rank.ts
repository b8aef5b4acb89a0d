import { expandAbbreviations, foldKeptShortForms } from './abbreviations.js';
import { analyze } from './analyzer.js';
import { idf, scoreBm25f } from './bm25f.js';
import { capExpansionFamilies, EXPANSION, expandQuery, type QueryTerm } from './expand-query.js';
import { documentFrequency, type LexicalIndex } from './lexical-index.js';
import type { PageFields } from './page-fields.js';
import { rankPages } from './page-rank.js';
import { proximityBonus } from './proximity.js';
import { correctQuestion } from './typos.js';

/** Ranking knobs beyond BM25F; see page-rank.ts for how pages are scored from their passages. */
export const RANKING = {
  proximityWeight: 0.5,
  /** Candidates that get the (more expensive) proximity and page passes. */
  candidates: 150,
} as const;

/** One ranked chunk (by array index into the index's chunks) with the signals confidence needs. */
export interface RankedHit {
  doc: number;
  /** The passage's own score (BM25F plus proximity). */
  score: number;
  /** Score of the passage's page: hits are ordered by it first, then by `score`. */
  pageScore: number;
  /** IDF-weighted share of the typed terms that the chunk contains (0..1). */
  coverage: number;
}

export interface Ranking {
  /** The question as asked. */
  question: string;
  hits: RankedHit[];
  /** Analysed typed terms, in question order. */
  typedTerms: string[];
  /** Typed plus expansion terms, as scored. */
  queryTerms: QueryTerm[];
}

/** Extra query terms beyond the typed question (typo corrections, learned related terms), already weighted. */
export type TermSource = (typed: readonly QueryTerm[]) => QueryTerm[];

/**
 * Lexical ranking: vocabulary-expanded BM25F and a phrase/proximity bonus per passage, then pages ranked by their
 * best passage plus bounded page-level evidence (page-rank.ts), so a short exact page is not beaten by a long page's
 * accumulated passages. Hits come out grouped by page, best page first. `sources[i]` is the source of chunk i.
 *
 * @example rank(index, sources, 'pull priors from the other site', 10).hits[0]?.doc
 */
export function rank(
  index: LexicalIndex,
  sources: readonly string[],
  question: string,
  limit: number,
  options: { extra?: TermSource; fields?: (doc: number) => PageFields; allow?: (doc: number) => boolean } = {},
): Ranking {
  const { extra, fields, allow } = options;
  const asked = correctQuestion(index, expandAbbreviations(index, question));
  const expanded = expandQuery(asked);
  const merged = extra ? mergeTerms(expanded, extra(expanded)) : expanded;
  const queryTerms = standInForUnseen(index, capExpansionFamilies(foldKeptShortForms(question, merged)));
  const typedTerms = typedOrder(analyze(asked), queryTerms);
  const scores = scoreBm25f(index, queryTerms);
  const idfs = new Map<string, number>();
  for (const term of typedTerms) idfs.set(term, idf(index, documentFrequency(index, term)));
  let totalIdf = 0;
  for (const value of idfs.values()) totalIdf += value;
  // A channel's KB scope: passages outside it are never candidates (term statistics stay those of the whole KB).
  const touched = allow ? scores.touched.filter(allow) : scores.touched;
  const hits: RankedHit[] = touched.map((doc) => {
    const coverage = totalIdf > 0 ? Math.min(1, (scores.matchedIdf[doc] ?? 0) / totalIdf) : 0;
    const score = scores.score[doc] ?? 0;
    return { doc, score, pageScore: score, coverage };
  });
  hits.sort((a, b) => b.score - a.score);
  const top = hits.slice(0, Math.max(RANKING.candidates, limit));
  for (const hit of top)
    hit.score += RANKING.proximityWeight * proximityBonus(typedTerms, scores.postings, idfs, hit.doc);
  return {
    question,
    hits: rankPages(
      top,
      sources,
      fields ? { idfs, fields, expansions: queryTerms.filter((t) => !t.original) } : undefined,
    ).slice(0, limit),
    typedTerms,
    queryTerms,
  };
}

/**
 * Expansions weigh less than typed words because the typed word usually matches too. A word the KB never uses
 * ("half", when pages say "partial") cannot, so the expansions of words that are all unseen stand in for them at
 * the weight of a typed word.
 */
function standInForUnseen(index: LexicalIndex, terms: readonly QueryTerm[]): QueryTerm[] {
  const unseen = (term: string) => documentFrequency(index, term) === 0;
  return terms.map((t) =>
    !t.original && t.from && t.from.length > 0 && t.from.every(unseen)
      ? { ...t, weight: Math.min(1, t.weight / EXPANSION.weight) }
      : t,
  );
}

/** Typed terms in question order, without the ones the question rules out ("no reverse proxy"). */
function typedOrder(analysed: readonly string[], terms: readonly QueryTerm[]): string[] {
  const asked = new Set(terms.filter((t) => t.original).map((t) => t.term));
  return analysed.filter((term) => asked.has(term));
}

function mergeTerms(base: readonly QueryTerm[], extra: readonly QueryTerm[]): QueryTerm[] {
  const out = new Map(base.map((t) => [t.term, { ...t }]));
  for (const t of extra) {
    const known = out.get(t.term);
    if (!known) out.set(t.term, { ...t });
    else if (!known.original && (t.original || t.weight > known.weight)) out.set(t.term, { ...t });
  }
  return [...out.values()];
}

import { idf } from './bm25f.js';
import type { QueryTerm } from './expand-query.js';
import type { LexicalIndex, Posting } from './lexical-index.js';

/** True when some posting falls in chunk range [start, end); postings are sorted by chunk. */
function occursIn(list: readonly Posting[] | undefined, start: number, end: number): boolean {
  if (!list) return false;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Posting).doc < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && (list[lo] as Posting).doc < end;
}

/**
 * IDF-weighted share of the typed terms that chunks [start, end) explain: a typed term is explained when it occurs
 * there, or when one of the vocabulary expansions it triggered does ("scanner" explained by "modality"). Terms the
 * corpus has never seen weigh the most, which is the point: "epic", "cafeteria", "pacemaker" are what an off-topic
 * question is about.
 *
 * @example explainedCoverage(index, ranking.queryTerms, 0, 3) // 0.8
 */
export function explainedCoverage(
  index: LexicalIndex,
  terms: readonly QueryTerm[],
  start: number,
  end: number,
): number {
  let total = 0;
  let explained = 0;
  for (const typed of terms) {
    if (!typed.original) continue;
    const weight = idf(index, index.postings.get(typed.term)?.length ?? 0);
    total += weight;
    const hit =
      occursIn(index.postings.get(typed.term), start, end) ||
      terms.some((t) => t.from?.includes(typed.term) && occursIn(index.postings.get(t.term), start, end));
    if (hit) explained += weight;
  }
  return total > 0 ? explained / total : 0;
}

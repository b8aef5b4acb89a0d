import { idf } from './bm25f.js';
import type { QueryTerm } from './expand-query.js';
import { documentFrequency, type LexicalIndex, type PostingList, postingList } from './lexical-index.js';

/** True when some posting falls in chunk range [start, end); postings are sorted by chunk. */
function occursIn(list: PostingList | undefined, start: number, end: number): boolean {
  if (!list) return false;
  const docs = list.docs;
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((docs[mid] as number) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < docs.length && (docs[lo] as number) < end;
}

/** How well a page explains the typed terms of a question; both numbers are free of corpus-size scale. */
export interface Explanation {
  /** IDF-weighted share (0..1) of the typed terms the page explains. */
  coverage: number;
  /** Sum of the per-term credits (0..1 each): how many of the question's words the page explains. */
  explained: number;
  /** Typed terms that count (distinct, without unseen numbers). */
  counted: number;
}

/**
 * Explains the typed terms of a question by chunks [start, end) (one page). A typed term earns credit 1 when it
 * occurs there; otherwise, when a vocabulary expansion it triggered occurs there, it earns the expansion's IDF over
 * its own (capped at 1): "fluoroscopy" explained only by the generic "modality" earns little, "ipad" explained by
 * "browser" earns more. A token with a digit that the KB has never seen ("2am", "2015", "20 mins") is skipped: the
 * KB cannot contain the user's dates and times, so their absence says nothing about the topic.
 * Terms the KB has never seen weigh the most in `coverage`, which is the point: "epic", "cafeteria", "pacemaker"
 * are what an off-topic question is about. Both measures are ratios or counts, so they read the same on a
 * 20-article KB and on a 2,000-chunk one.
 *
 * @example explainPage(index, ranking.queryTerms, 0, 3) // { coverage: 0.8, explained: 3.5, counted: 4 }
 */
export function explainPage(index: LexicalIndex, terms: readonly QueryTerm[], start: number, end: number): Explanation {
  const idfOf = (term: string) => idf(index, documentFrequency(index, term));
  let total = 0;
  let weighted = 0;
  let explained = 0;
  let counted = 0;
  for (const typed of terms) {
    if (!typed.original) continue;
    const postings = postingList(index, typed.term);
    if (!postings && /\d/.test(typed.term)) continue;
    const weight = idfOf(typed.term);
    let credit = occursIn(postings, start, end) ? 1 : 0;
    for (const t of terms) {
      if (credit >= 1) break;
      if (!t.from?.includes(typed.term) || !occursIn(postingList(index, t.term), start, end)) continue;
      credit = Math.max(credit, Math.min(1, idfOf(t.term) / weight));
    }
    total += weight;
    weighted += weight * credit;
    explained += credit;
    counted++;
  }
  return { coverage: total > 0 ? weighted / total : 0, explained, counted };
}

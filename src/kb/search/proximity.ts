import type { Posting } from './lexical-index.js';

/** Postings are built in chunk order, so a binary search finds one chunk's posting. */
function findPosting(list: readonly Posting[], doc: number): Posting | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const posting = list[mid] as Posting;
    if (posting.doc === doc) return posting;
    if (posting.doc < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Smallest distance between two ascending position lists (linear merge). */
function minDistance(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let best = Number.POSITIVE_INFINITY;
  while (i < a.length && j < b.length) {
    const pa = a[i] as number;
    const pb = b[j] as number;
    best = Math.min(best, Math.abs(pa - pb));
    if (pa < pb) i++;
    else j++;
  }
  return best;
}

/** How much a pair at a given distance counts: adjacent (a phrase) fully, a few words apart partly. */
function closeness(distance: number): number {
  if (distance <= 1) return 1;
  if (distance <= 3) return 0.6;
  if (distance <= 8) return 0.3;
  return 0;
}

/**
 * Phrase/proximity bonus: for each pair of typed terms adjacent in the question (after stop words), reward chunks
 * whose body has them close together, scaled by the rarer-is-better IDF of the pair.
 *
 * @example proximityBonus(['pixel', 'data'], postings, idfs, 12)
 */
export function proximityBonus(
  queryTerms: readonly string[],
  postings: ReadonlyMap<string, readonly Posting[]>,
  idfs: ReadonlyMap<string, number>,
  doc: number,
): number {
  let bonus = 0;
  for (let i = 0; i + 1 < queryTerms.length; i++) {
    const a = queryTerms[i] as string;
    const b = queryTerms[i + 1] as string;
    if (a === b) continue;
    const listA = postings.get(a);
    const listB = postings.get(b);
    if (!listA || !listB) continue;
    const pa = findPosting(listA, doc);
    const pb = findPosting(listB, doc);
    if (!pa || !pb || pa.positions.length === 0 || pb.positions.length === 0) continue;
    bonus += closeness(minDistance(pa.positions, pb.positions)) * Math.min(idfs.get(a) ?? 0, idfs.get(b) ?? 0);
  }
  return bonus;
}

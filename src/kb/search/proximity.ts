import type { PostingList } from './lexical-index.js';

/** Slot of chunk `doc` in a posting list (ascending chunk numbers, so a binary search), or -1. */
function findSlot(docs: Int32Array, doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = docs[mid] as number;
    if (at === doc) return mid;
    if (at < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Body positions of slot `i`, a view (no copy). */
const positionsOf = (list: PostingList, i: number): Uint16Array =>
  list.positions.subarray(list.posStart[i] as number, list.posStart[i + 1] as number);

/** Smallest distance between two ascending position lists (linear merge). */
function minDistance(a: Uint16Array, b: Uint16Array): number {
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
 * @example proximityBonus(['pixel', 'data'], scores.postings, idfs, 12)
 */
export function proximityBonus(
  queryTerms: readonly string[],
  postings: ReadonlyMap<string, PostingList>,
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
    const slotA = findSlot(listA.docs, doc);
    const slotB = slotA < 0 ? -1 : findSlot(listB.docs, doc);
    if (slotB < 0) continue;
    const pa = positionsOf(listA, slotA);
    const pb = positionsOf(listB, slotB);
    if (pa.length === 0 || pb.length === 0) continue;
    bonus += closeness(minDistance(pa, pb)) * Math.min(idfs.get(a) ?? 0, idfs.get(b) ?? 0);
  }
  return bonus;
}

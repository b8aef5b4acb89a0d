import type { Logger } from '../core/logger.js';
import { dot, normalize } from './embed/embed-chunks.js';
import { assessConfidence } from './search/confidence.js';
import { diversify } from './search/diversify.js';
import type { QueryTerm } from './search/expand-query.js';
import { fuseRankings } from './search/fuse.js';
import { pageFields } from './search/page-fields.js';
import { pageScopeFilter } from './search/page-scope.js';
import { rank } from './search/rank.js';
import { relatedTerms } from './search/related-terms.js';
import type { IndexSnapshot } from './snapshot.js';
import type { Embedder, PageScope, SearchResponse } from './types.js';

/** How many results each ranker contributes to the fusion. */
const FUSION_DEPTH = 50;

async function vectorRanking(
  snapshot: IndexSnapshot,
  embedder: Embedder,
  question: string,
  allow: ((doc: number) => boolean) | undefined,
): Promise<number[]> {
  const vectors = snapshot.vectors;
  if (!vectors) return [];
  const [raw] = await embedder.embed([question], { query: true });
  if (!raw) throw new Error('embedder returned no vector for the question');
  const query = normalize(raw);
  const scored = vectors.flatMap((vector, doc) => (!allow || allow(doc) ? [[doc, dot(query, vector)] as const] : []));
  scored.sort((a, b) => b[1] - a[1]);
  return scored.slice(0, FUSION_DEPTH).map(([doc]) => doc);
}

/**
 * Searches one snapshot. The lexical ranking decides confidence; with an embedder the order is the reciprocal rank
 * fusion of lexical and vector rankings. An embedder failure degrades to lexical only, never to an error. With a
 * `scope`, only passages in it are ranked.
 *
 * @example await searchSnapshot(snapshot, 'pull priors', { limit: 5 })
 */
export async function searchSnapshot(
  snapshot: IndexSnapshot,
  question: string,
  options: { limit: number; embedder?: Embedder; logger?: Logger; scope?: PageScope },
): Promise<SearchResponse> {
  const depth = Math.max(options.limit, FUSION_DEPTH);
  const inScope = pageScopeFilter(options.scope);
  const allow = inScope
    ? (doc: number) => snapshot.chunks[doc] !== undefined && inScope(snapshot.chunks[doc])
    : undefined;
  const fields = (doc: number) => pageFields(snapshot.chunks, snapshot.sources, doc);
  const extra = (terms: readonly QueryTerm[]) => relatedTerms(snapshot.chunks, terms);
  const ranking = rank(snapshot.index, snapshot.sources, question, depth, {
    fields,
    extra,
    ...(allow ? { allow } : {}),
  });
  const { answerable, confidence } = assessConfidence(snapshot.index, snapshot.sources, ranking);
  let order: [number, number][] = ranking.hits.map((hit) => [hit.doc, hit.pageScore]);
  if (options.embedder && snapshot.vectors && ranking.hits.length > 0) {
    try {
      const semantic = await vectorRanking(snapshot, options.embedder, question, allow);
      order = fuseRankings([ranking.hits.map((hit) => hit.doc), semantic]);
    } catch (error) {
      options.logger?.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'kb: query embedding failed, lexical only',
      );
    }
  }
  const results = diversify(order, snapshot.sources, options.limit).flatMap(([doc, score]) => {
    const chunk = snapshot.chunks[doc];
    return chunk ? [{ chunk, score }] : [];
  });
  return { results, answerable: answerable && results.length > 0, confidence: results.length > 0 ? confidence : 0 };
}

import type { Logger } from '../core/logger.js';
import { loadIndexCache } from './corpus/read-index-cache.js';
import { type DocumentEntry, refreshCorpus } from './corpus/refresh-corpus.js';
import { DEFAULT_EXCLUDE, scanFiles } from './corpus/scan-files.js';
import { saveIndexCache } from './corpus/write-index-cache.js';
import { embedTexts } from './embed/embed-chunks.js';
import { type EmbeddingCache, openEmbeddingCache } from './embed/embedding-cache.js';
import { reportIndex } from './index-report.js';
import { pageLookup } from './page-lookup.js';
import { relatedTermsReady } from './search/related-terms.js';
import { searchSnapshot } from './search-snapshot.js';
import { buildSnapshot, embeddingText, type IndexSnapshot } from './snapshot.js';
import type { Embedder, IndexStats, KnowledgeBase } from './types.js';
import { watchDir } from './watch-dir.js';

export interface KnowledgeBaseOptions {
  /** KB folder, read recursively. */
  dir: string;
  /** picomatch globs relative to `dir`; default {@link DEFAULT_EXCLUDE}. */
  exclude?: string[];
  /**
   * Where embeddings (a file per model) and the analysed index (`kb-index.bin`) are cached; omit for no on-disk
   * cache. With the index cache, a restart re-reads only files whose size or mtime changed.
   */
  cacheDir?: string;
  /** When present, embedding similarity is fused with the lexical ranking. */
  embedder?: Embedder;
  /** Re-index incrementally when files change (debounced). */
  watch?: boolean;
  logger?: Logger;
}

/** The KB plus an event for completed re-indexes (from the watcher or `reindex()`). */
export interface WatchableKnowledgeBase extends KnowledgeBase {
  /** Calls `listener` after every completed re-index; returns an unsubscribe function. */
  onIndexed(listener: (stats: IndexStats) => void): () => void;
  /**
   * Calls `listener` after a re-index the file watcher started (not `reindex()`), with the paths it saw change
   * (relative to `dir`; may be empty when the platform gave no names); returns an unsubscribe function.
   */
  onFilesChanged(listener: (paths: string[], stats: IndexStats) => void): () => void;
}

/**
 * Indexes `dir` and returns a searchable knowledge base.
 *
 * @example
 * const kb = await createKnowledgeBase({ dir: 'knowledge', watch: true, logger });
 * const { results, answerable } = await kb.search('pacs wont pull priors');
 */
export async function createKnowledgeBase(options: KnowledgeBaseOptions): Promise<WatchableKnowledgeBase> {
  const { dir, embedder, logger } = options;
  const exclude = options.exclude ?? [...DEFAULT_EXCLUDE];
  const cache: EmbeddingCache | undefined = embedder
    ? await openEmbeddingCache(options.cacheDir, embedder.model)
    : undefined;
  const listeners = new Set<(stats: IndexStats) => void>();
  const fileListeners = new Set<(paths: string[], stats: IndexStats) => void>();
  let documents: Map<string, DocumentEntry> = await loadIndexCache(options.cacheDir, dir);
  let cacheStale = documents.size === 0;
  let snapshot: IndexSnapshot = buildSnapshot(new Map());
  let stats: IndexStats = { documents: 0, chunks: 0, failures: [], indexedAt: 0, buildMs: 0 };

  async function attachVectors(next: IndexSnapshot): Promise<void> {
    if (!embedder || !cache) return;
    try {
      next.vectors = await embedTexts(next.chunks.map(embeddingText), embedder, cache);
    } catch (error) {
      logger?.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'kb: embedding failed, lexical only',
      );
    }
  }

  async function saveCache(next: Map<string, DocumentEntry>): Promise<void> {
    const same = next.size === documents.size && [...next].every(([source, entry]) => documents.get(source) === entry);
    if (!options.cacheDir || (same && !cacheStale)) return;
    try {
      await saveIndexCache(options.cacheDir, dir, next);
      cacheStale = false;
    } catch (error) {
      logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'kb: index cache not saved');
    }
  }

  async function runIndex(): Promise<IndexStats> {
    const started = performance.now();
    const refreshed = await refreshCorpus(documents, await scanFiles(dir, exclude), logger);
    if (refreshed.changed > 0 || snapshot.chunks.length === 0) {
      const next = buildSnapshot(refreshed.documents);
      // Learned related terms: built now rather than on the first query (in slices, in the background, for a big KB).
      void relatedTermsReady(next.chunks);
      await attachVectors(next);
      snapshot = next;
    }
    await saveCache(refreshed.documents);
    documents = refreshed.documents;
    const buildMs = Math.round(performance.now() - started);
    stats = reportIndex(snapshot, refreshed, buildMs, logger);
    for (const listener of listeners) listener(stats);
    return stats;
  }

  // Re-indexes run one at a time; a call during a run queues behind it.
  let queue: Promise<unknown> = Promise.resolve();
  const reindex = (): Promise<IndexStats> => {
    const next = queue.then(runIndex, runIndex);
    queue = next.catch(() => undefined);
    return next;
  };

  await reindex();
  const filesChanged = (paths: string[]) =>
    reindex()
      .then((indexed) => {
        for (const listener of fileListeners) listener(paths, indexed);
      })
      .catch((error: Error) => logger?.error({ err: error.message }, 'kb: reindex after a file change failed'));
  const stopWatching = options.watch ? watchDir(dir, exclude, (paths) => void filesChanged(paths), logger) : undefined;

  return {
    search: (question, searchOptions) =>
      searchSnapshot(snapshot, question, {
        limit: searchOptions?.limit ?? 5,
        ...(searchOptions?.scope ? { scope: searchOptions.scope } : {}),
        ...(embedder && !searchOptions?.lexicalOnly ? { embedder } : {}),
        ...(logger ? { logger } : {}),
      }),
    reindex,
    stats: () => stats,
    page: pageLookup(() => snapshot),
    onIndexed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onFilesChanged(listener) {
      fileListeners.add(listener);
      return () => fileListeners.delete(listener);
    },
    async close() {
      stopWatching?.();
      await queue;
    },
  };
}

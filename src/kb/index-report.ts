import type { Logger } from '../core/logger.js';
import type { RefreshResult } from './corpus/refresh-corpus.js';
import type { IndexSnapshot } from './snapshot.js';
import type { IndexStats } from './types.js';

/**
 * The stats of a completed index run, logged: one warning per quarantined passage, then a summary line.
 *
 * @example const stats = reportIndex(snapshot, refreshed, 120, logger)
 */
export function reportIndex(
  snapshot: IndexSnapshot,
  refreshed: RefreshResult,
  buildMs: number,
  logger: Logger | undefined,
): IndexStats {
  const flagged = snapshot.chunks.flatMap((c) =>
    c.flagged ? [{ source: c.source, anchor: c.anchor, reason: c.flagged }] : [],
  );
  // Quarantined passages are logged by page (never their text) so the KB owner can fix or remove them.
  for (const f of flagged) logger?.warn(f, 'kb: passage reads like instructions to an AI; it is never quoted or sent');
  const stats: IndexStats = {
    documents: refreshed.documents.size,
    chunks: snapshot.chunks.length,
    failures: refreshed.failures,
    indexedAt: Date.now(),
    buildMs,
    flagged,
  };
  logger?.info(
    {
      documents: stats.documents,
      chunks: stats.chunks,
      failures: stats.failures.length,
      flagged: flagged.length,
      changed: refreshed.changed,
      buildMs,
    },
    'kb: indexed',
  );
  return stats;
}

import type { DocumentEntry } from './corpus/refresh-corpus.js';
import { buildPackedIndex, type LexicalIndex } from './search/lexical-index.js';
import type { KbChunk } from './types.js';

/** An immutable, searchable state of the KB; a reindex builds a new one and swaps it in. */
export interface IndexSnapshot {
  chunks: KbChunk[];
  sources: string[];
  index: LexicalIndex;
  /** Unit vectors per chunk when an embedder is configured and embedding succeeded. */
  vectors?: Float32Array[];
}

/** What the embedder sees for a chunk: the title and heading path give a short passage its context. */
export function embeddingText(chunk: KbChunk): string {
  return `${chunk.title}\n${chunk.headingPath.join(' > ')}\n\n${chunk.text}`;
}

/**
 * Rebuilds postings from the already analysed chunks of every document (no text is re-analysed).
 *
 * @example const snapshot = buildSnapshot(documents)
 */
export function buildSnapshot(documents: ReadonlyMap<string, DocumentEntry>): IndexSnapshot {
  const chunks: KbChunk[] = [];
  const analyzed: DocumentEntry['analyzed'][] = [];
  for (const entry of documents.values()) {
    for (const chunk of entry.chunks) chunks.push(chunk);
    analyzed.push(entry.analyzed);
  }
  return { chunks, sources: chunks.map((chunk) => chunk.source), index: buildPackedIndex(analyzed) };
}

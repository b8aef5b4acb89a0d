import type { DocumentEntry } from './corpus/refresh-corpus.js';
import { buildPackedIndex } from './search/build-packed-index.js';
import type { LexicalIndex } from './search/lexical-index.js';
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

/** Indexes read from the index cache, by the first of the document entries they index (same objects, same order). */
const PREBUILT = new WeakMap<DocumentEntry, { entries: DocumentEntry[]; index: LexicalIndex }>();

/** Offers an index already built for exactly `entries` (read from the cache) to the next {@link buildSnapshot}. */
export function offerIndex(entries: DocumentEntry[], index: LexicalIndex): void {
  if (entries[0]) PREBUILT.set(entries[0], { entries, index });
}

function prebuilt(entries: readonly DocumentEntry[]): LexicalIndex | undefined {
  const offer = entries[0] && PREBUILT.get(entries[0]);
  const same = offer?.entries.length === entries.length && offer.entries.every((entry, i) => entry === entries[i]);
  return same ? offer?.index : undefined;
}

/**
 * Rebuilds postings from the already analysed chunks of every document (no text is re-analysed), or takes the index
 * the cache offered when the documents are exactly the ones it was built from.
 *
 * @example const snapshot = buildSnapshot(documents)
 */
export function buildSnapshot(documents: ReadonlyMap<string, DocumentEntry>): IndexSnapshot {
  const chunks: KbChunk[] = [];
  const entries = [...documents.values()];
  for (const entry of entries) for (const chunk of entry.chunks) chunks.push(chunk);
  const index = prebuilt(entries) ?? buildPackedIndex(entries.map((entry) => entry.analyzed));
  return { chunks, sources: chunks.map((chunk) => chunk.source), index };
}

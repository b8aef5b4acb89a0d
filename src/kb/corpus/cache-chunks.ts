import type { KbChunk } from '../types.js';

/** Fields every chunk of a page shares; stored once per page in the index cache. */
const PAGE_FIELDS = ['source', 'title', 'tags', 'url', 'trusted'] as const;
type PageFields = Pick<KbChunk, (typeof PAGE_FIELDS)[number]>;

/** A chunk in the cache: without its text (stored as UTF-8 in the binary part) or the fields its page shares. */
export type StoredChunk = Partial<KbChunk>;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Splits a page's chunks into the fields they share, the rest of each chunk, and the texts. A chunk whose shared
 * field differs from the page's keeps its own value, so the split never loses anything.
 *
 * @example splitChunks(entry.chunks).texts.length === entry.chunks.length
 */
export function splitChunks(chunks: readonly KbChunk[]): { page: Partial<PageFields>; stored: StoredChunk[] } {
  const first = chunks[0];
  const page: Partial<PageFields> = {};
  if (first)
    for (const field of PAGE_FIELDS) if (first[field] !== undefined) Object.assign(page, { [field]: first[field] });
  const stored = chunks.map((chunk) => {
    const { text: _text, ...rest } = chunk;
    for (const field of PAGE_FIELDS) if (same(rest[field], page[field])) delete rest[field];
    return rest;
  });
  return { page, stored };
}

/**
 * Reassembles the chunks of one page in place (the stored objects are fresh from JSON.parse): page fields the chunk
 * does not override, then its text. In place, because spreading 100,000 objects costs a second on a large KB.
 */
export function joinChunks(page: Partial<PageFields>, stored: StoredChunk[], texts: readonly string[]): KbChunk[] {
  return stored.map((chunk, i) => {
    const target = chunk as Record<string, unknown>;
    for (const [field, value] of Object.entries(page)) if (target[field] === undefined) target[field] = value;
    target.text = texts[i] ?? '';
    return chunk as KbChunk;
  });
}

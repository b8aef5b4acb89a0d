import type { KbChunk } from '../types.js';

/** First JSON line of the index cache. */
export interface CacheHead {
  fingerprint: string;
  dir: string;
  documents: number;
}

/**
 * One document line of the index cache; its `ids` term ids, 3 ends per chunk and chunk texts (`bytes` long each)
 * are in the binary part.
 */
export interface CachedDocument {
  source: string;
  mtimeMs: number;
  size: number;
  hash: string;
  ids: number;
  page: Partial<KbChunk>;
  chunks: Partial<KbChunk>[];
  bytes: number[];
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export function isHead(v: unknown): v is CacheHead {
  const h = v as Partial<CacheHead> | null;
  return typeof h === 'object' && h !== null && isString(h.fingerprint) && isString(h.dir) && isCount(h.documents);
}

export function isChunk(v: unknown): v is KbChunk {
  const c = v as Partial<KbChunk> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    [c.id, c.source, c.title, c.heading, c.anchor, c.text].every(isString) &&
    isStringArray(c.headingPath) &&
    isStringArray(c.tags) &&
    (c.url === undefined || isString(c.url))
  );
}

export function isCachedDocument(v: unknown): v is CachedDocument {
  const d = v as Partial<CachedDocument> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    isString(d.source) &&
    typeof d.mtimeMs === 'number' &&
    typeof d.size === 'number' &&
    isString(d.hash) &&
    isCount(d.ids) &&
    typeof d.page === 'object' &&
    d.page !== null &&
    Array.isArray(d.chunks) &&
    d.chunks.every((c) => typeof c === 'object' && c !== null) &&
    Array.isArray(d.bytes) &&
    d.bytes.length === d.chunks.length &&
    d.bytes.every(isCount)
  );
}

/** Chunk ends ascending up to the id count, and every id inside the term list. */
export function packedOk(ids: Uint32Array, ends: Uint32Array, terms: number): boolean {
  let previous = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    if (end < previous) return false;
    previous = end;
  }
  if (previous !== ids.length) return false;
  for (let i = 0; i < ids.length; i++) if ((ids[i] as number) >= terms) return false;
  return true;
}

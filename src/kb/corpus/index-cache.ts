import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CHUNK_OVERLAP, CHUNK_SIZE } from '../chunk/chunk-document.js';
import { FIELDS } from '../search/lexical-index.js';
import { STOP_WORDS } from '../search/stop-words.js';
import { SPELLING_VARIANTS } from '../search/vocabulary.js';
import type { KbChunk } from '../types.js';
import type { DocumentEntry } from './refresh-corpus.js';

/** The analysed index on disk, so that a restart with unchanged files neither re-reads nor re-chunks them. */
export const INDEX_CACHE = {
  /** Bump when chunking, ingest or analysis code changes in a way the fingerprint below cannot see (e.g. stemmer). */
  version: 2,
  file: 'kb-index.json',
} as const;

// Settings that change chunks or analysed terms: a cache written under other settings is ignored, not trusted.
const FINGERPRINT = createHash('sha256')
  .update(JSON.stringify([INDEX_CACHE.version, CHUNK_SIZE, CHUNK_OVERLAP, FIELDS, [...STOP_WORDS], SPELLING_VARIANTS]))
  .digest('hex')
  .slice(0, 16);

/** One cached document; analysed fields are stored space-joined (analysed terms never contain whitespace). */
interface CachedEntry {
  mtimeMs: number;
  size: number;
  hash: string;
  chunks: KbChunk[];
  analyzed: [string, string, string][];
}

interface CacheFile {
  fingerprint: string;
  dir: string;
  documents: Record<string, CachedEntry>;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isChunk(v: unknown): v is KbChunk {
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

function isEntry(v: unknown): v is CachedEntry {
  const e = v as Partial<CachedEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.mtimeMs === 'number' &&
    typeof e.size === 'number' &&
    isString(e.hash) &&
    Array.isArray(e.chunks) &&
    e.chunks.every(isChunk) &&
    Array.isArray(e.analyzed) &&
    e.analyzed.length === e.chunks.length &&
    e.analyzed.every((fields) => isStringArray(fields) && fields.length === FIELDS.length)
  );
}

const split = (terms: string): string[] => (terms === '' ? [] : terms.split(' '));

/**
 * Reads the cached documents of KB folder `dir` from `cacheDir`. A missing, unreadable, corrupt, foreign (another
 * folder) or outdated (other version or settings) cache yields an empty map: the caller re-indexes, never crashes.
 *
 * @example const previous = await loadIndexCache('/data/embeddings', 'knowledge')
 */
export async function loadIndexCache(cacheDir: string | undefined, dir: string): Promise<Map<string, DocumentEntry>> {
  const documents = new Map<string, DocumentEntry>();
  if (!cacheDir) return documents;
  let data: Partial<CacheFile>;
  try {
    data = JSON.parse(await readFile(join(cacheDir, INDEX_CACHE.file), 'utf8')) as Partial<CacheFile>;
  } catch {
    return documents;
  }
  if (data?.fingerprint !== FINGERPRINT || data.dir !== resolve(dir) || typeof data.documents !== 'object') {
    return documents;
  }
  for (const [source, entry] of Object.entries(data.documents ?? {})) {
    if (!isEntry(entry)) return new Map();
    const analyzed = entry.analyzed.map(([title, heading, body]) => ({
      title: split(title),
      heading: split(heading),
      body: split(body),
    }));
    documents.set(source, {
      mtimeMs: entry.mtimeMs,
      size: entry.size,
      hash: entry.hash,
      chunks: entry.chunks,
      analyzed,
    });
  }
  return documents;
}

/**
 * Writes the documents to `cacheDir` (atomic rename, so a crash mid-write leaves the old file).
 *
 * @example await saveIndexCache('/data/embeddings', 'knowledge', documents)
 */
export async function saveIndexCache(
  cacheDir: string,
  dir: string,
  documents: ReadonlyMap<string, DocumentEntry>,
): Promise<void> {
  const out: CacheFile = { fingerprint: FINGERPRINT, dir: resolve(dir), documents: {} };
  for (const [source, entry] of documents) {
    const analyzed = entry.analyzed.map(
      (fields) => FIELDS.map((field) => fields[field].join(' ')) as [string, string, string],
    );
    out.documents[source] = {
      mtimeMs: entry.mtimeMs,
      size: entry.size,
      hash: entry.hash,
      chunks: entry.chunks,
      analyzed,
    };
  }
  await mkdir(cacheDir, { recursive: true });
  const file = join(cacheDir, INDEX_CACHE.file);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(out));
  await rename(tmp, file);
}

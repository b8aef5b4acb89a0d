import { createHash } from 'node:crypto';
import { CHUNK_OVERLAP, CHUNK_SIZE } from '../chunk/chunk-document.js';
import { SECTION_ROLE_RULES } from '../chunk/section-role.js';
import { analyze } from '../search/analyzer.js';
import { FIELDS } from '../search/lexical-index.js';
import { STOP_WORDS } from '../search/stop-words.js';
import { SPELLING_VARIANTS } from '../search/vocabulary.js';

/**
 * The analysed index on disk, so that a restart with unchanged files neither re-reads nor re-chunks them.
 * One binary file: magic; u32 counts of term ids, text bytes and postings bytes; the term ids of every document
 * (per document its ids, then its chunk ends); the postings (cache-postings.ts), so a start from the cache skips the
 * index build; every chunk's text (UTF-8, decoded per chunk: cheaper than JSON string parsing); then JSON lines: a
 * head (fingerprint, folder), the term list, one line per document (its chunks without text, the fields its chunks
 * share stored once). JSON lines keep every parsed string small: no giant string for a 10,000-page KB.
 * This module holds the format's constants; read-index-cache.ts and write-index-cache.ts read and write it.
 */
export const INDEX_CACHE = {
  /** Bump when chunking, ingest or analysis code changes in a way the fingerprint below cannot see (e.g. stemmer). */
  version: 6,
  file: 'kb-index.bin',
} as const;

/** First bytes of the file: a file of any other format is ignored. */
export const MAGIC = Buffer.from('PDKBIDX\n', 'latin1');
/** Version 2 and older wrote JSON here; removed on save so a stale copy does not linger. */
export const LEGACY_FILE = 'kb-index.json';
/** Where the term ids start: after the magic and its three u32 counts. */
export const DATA_START = MAGIC.length + 12;

/** Analysed into the fingerprint, so most analyzer changes (tokens, compounds, stemming) invalidate the cache. */
const ANALYZER_PROBE =
  "Retrieving priors: C-MOVE to DicomModalities won't work; orthanc.json query/retrieve at 2am, X-rays";

// Settings that change chunks or analysed terms: a cache written under other settings is ignored, not trusted.
export const FINGERPRINT = createHash('sha256')
  .update(
    JSON.stringify([
      INDEX_CACHE.version,
      CHUNK_SIZE,
      CHUNK_OVERLAP,
      FIELDS,
      [...STOP_WORDS],
      SPELLING_VARIANTS,
      SECTION_ROLE_RULES,
      analyze(ANALYZER_PROBE),
    ]),
  )
  .digest('hex')
  .slice(0, 16);

import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CHUNK_OVERLAP, CHUNK_SIZE } from '../chunk/chunk-document.js';
import { SECTION_ROLE_RULES } from '../chunk/section-role.js';
import { analyze } from '../search/analyzer.js';
import { buildPackedIndex, FIELDS } from '../search/lexical-index.js';
import { createDictionary } from '../search/packed-terms.js';
import { STOP_WORDS } from '../search/stop-words.js';
import { SPELLING_VARIANTS } from '../search/vocabulary.js';
import { offerIndex } from '../snapshot.js';
import { joinChunks, splitChunks } from './cache-chunks.js';
import { decodePostings, encodePostings } from './cache-postings.js';
import type { DocumentEntry } from './refresh-corpus.js';
import { isCachedDocument, isChunk, isHead, packedOk } from './validate-cache.js';

/**
 * The analysed index on disk, so that a restart with unchanged files neither re-reads nor re-chunks them.
 * One binary file: magic; u32 counts of term ids, text bytes and postings bytes; the term ids of every document
 * (per document its ids, then its chunk ends); the postings (cache-postings.ts), so a start from the cache skips the
 * index build; every chunk's text (UTF-8, decoded per chunk: cheaper than JSON string parsing); then JSON lines: a
 * head (fingerprint, folder), the term list, one line per document (its chunks without text, the fields its chunks
 * share stored once). JSON lines keep every parsed string small: no giant string for a 10,000-page KB.
 */
export const INDEX_CACHE = {
  /** Bump when chunking, ingest or analysis code changes in a way the fingerprint below cannot see (e.g. stemmer). */
  version: 5,
  file: 'kb-index.bin',
} as const;

const MAGIC = Buffer.from('PDKBIDX\n', 'latin1');
/** Version 2 and older wrote JSON here; removed on save so a stale copy does not linger. */
const LEGACY_FILE = 'kb-index.json';
const DATA_START = MAGIC.length + 12;

/** Analysed into the fingerprint, so most analyzer changes (tokens, compounds, stemming) invalidate the cache. */
const ANALYZER_PROBE =
  "Retrieving priors: C-MOVE to DicomModalities won't work; orthanc.json query/retrieve at 2am, X-rays";

// Settings that change chunks or analysed terms: a cache written under other settings is ignored, not trusted.
const FINGERPRINT = createHash('sha256')
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

/** JSON lines after the binary part: one parsed value per line (JSON escapes every newline inside strings). */
function* jsonLines(buffer: Buffer, from: number): Generator<unknown> {
  let start = from;
  while (start < buffer.length) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    if (end > start) yield JSON.parse(buffer.toString('utf8', start, end));
    start = end + 1;
  }
}

function parseCache(buffer: Buffer, dir: string): Map<string, DocumentEntry> {
  const documents = new Map<string, DocumentEntry>();
  if (buffer.length < DATA_START || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) return documents;
  const words = buffer.readUInt32LE(MAGIC.length);
  const dataEnd = DATA_START + 4 * words;
  const postingsEnd = dataEnd + buffer.readUInt32LE(MAGIC.length + 8);
  const textEnd = postingsEnd + buffer.readUInt32LE(MAGIC.length + 4);
  if (textEnd > buffer.length) return documents;
  // Copied out of the file buffer (a view would keep the whole file, text included, alive).
  const data = new Uint32Array(words);
  Buffer.from(data.buffer).set(buffer.subarray(DATA_START, dataEnd));
  const lines = jsonLines(buffer, textEnd);
  const head = lines.next().value;
  if (!isHead(head) || head.fingerprint !== FINGERPRINT || head.dir !== resolve(dir)) return documents;
  const terms = lines.next().value;
  if (!Array.isArray(terms) || !terms.every((t) => typeof t === 'string')) return new Map();
  const dictionary = createDictionary(terms);
  let at = 0;
  let text = postingsEnd;
  for (const line of lines) {
    if (!isCachedDocument(line)) return new Map();
    const { source, mtimeMs, size, hash, ids: count, page, chunks: stored, bytes } = line;
    const ids = data.slice(at, at + count);
    const ends = data.slice(at + count, at + count + 3 * stored.length);
    at += count + 3 * stored.length;
    if (at > words || !packedOk(ids, ends, terms.length)) return new Map();
    const texts = bytes.map((length) => {
      const from = text;
      text += length;
      return buffer.toString('utf8', from, Math.min(text, textEnd));
    });
    const chunks = joinChunks(page, stored, texts);
    if (text > textEnd || !chunks.every(isChunk)) return new Map();
    documents.set(source, { mtimeMs, size, hash, chunks, analyzed: { dictionary, ids, ends } });
  }
  if (at !== words || text !== textEnd || documents.size !== head.documents) return new Map();
  const entries = [...documents.values()];
  const index = decodePostings(
    buffer.subarray(dataEnd, postingsEnd),
    entries.map((entry) => entry.analyzed),
  );
  if (!index) return new Map();
  offerIndex(entries, index);
  return documents;
}

/**
 * Reads the cached documents of KB folder `dir` from `cacheDir`. A missing, unreadable, corrupt, foreign (another
 * folder) or outdated (other version or settings) cache yields an empty map: the caller re-indexes, never crashes.
 *
 * @example const previous = await loadIndexCache('/data/embeddings', 'knowledge')
 */
export async function loadIndexCache(cacheDir: string | undefined, dir: string): Promise<Map<string, DocumentEntry>> {
  if (!cacheDir) return new Map();
  try {
    return parseCache(await readFile(join(cacheDir, INDEX_CACHE.file)), dir);
  } catch {
    return new Map();
  }
}

/**
 * Renumbers the term ids of `documents` to the terms they still use (the in-memory dictionary also keeps terms of
 * removed pages), so the file does not grow with every edit.
 */
function compactTerms(documents: ReadonlyMap<string, DocumentEntry>): { terms: string[]; remap: Int32Array } {
  const first = documents.values().next().value;
  const dictionary = first?.analyzed.dictionary ?? createDictionary();
  const remap = new Int32Array(dictionary.terms.length).fill(-1);
  const terms: string[] = [];
  for (const { analyzed } of documents.values()) {
    if (analyzed.dictionary !== dictionary) throw new Error('kb: documents of two term dictionaries');
    for (const id of analyzed.ids)
      if (remap[id] === -1) {
        remap[id] = terms.length;
        terms.push(dictionary.terms[id] as string);
      }
  }
  return { terms, remap };
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
  const { terms, remap } = compactTerms(documents);
  let words = 0;
  for (const { analyzed } of documents.values()) words += analyzed.ids.length + analyzed.ends.length;
  const data = new Uint32Array(words);
  let at = 0;
  for (const { analyzed } of documents.values()) {
    for (const id of analyzed.ids) data[at++] = remap[id] as number;
    data.set(analyzed.ends, at);
    at += analyzed.ends.length;
  }
  // The postings of the saved (renumbered) terms, so that a start from the cache skips the index build.
  const dictionary = createDictionary(terms);
  const packed = [];
  at = 0;
  for (const { analyzed } of documents.values()) {
    const ids = data.subarray(at, at + analyzed.ids.length);
    at += analyzed.ids.length;
    packed.push({ dictionary, ids, ends: data.subarray(at, at + analyzed.ends.length) });
    at += analyzed.ends.length;
  }
  const postings = encodePostings(buildPackedIndex(packed));
  const prefix = Buffer.alloc(DATA_START);
  MAGIC.copy(prefix);
  prefix.writeUInt32LE(words, MAGIC.length);
  prefix.writeUInt32LE(postings.length, MAGIC.length + 8);
  let textBytes = 0;
  await mkdir(cacheDir, { recursive: true });
  const file = join(cacheDir, INDEX_CACHE.file);
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.write(prefix);
    await handle.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    await handle.write(postings);
    let pending = '';
    const flush = async (force = false) => {
      if (!force && pending.length < 1 << 20) return;
      await handle.write(pending);
      pending = '';
    };
    const lines: string[] = [];
    for (const [source, { mtimeMs, size, hash, chunks, analyzed }] of documents) {
      const bytes = chunks.map((chunk) => Buffer.byteLength(chunk.text));
      for (const chunk of chunks) {
        pending += chunk.text;
        await flush();
      }
      for (const length of bytes) textBytes += length;
      const { page, stored } = splitChunks(chunks);
      lines.push(
        JSON.stringify({ source, mtimeMs, size, hash, ids: analyzed.ids.length, page, chunks: stored, bytes }),
      );
    }
    await flush(true);
    const head = { fingerprint: FINGERPRINT, dir: resolve(dir), documents: documents.size };
    pending = `${JSON.stringify(head)}\n${JSON.stringify(terms)}\n`;
    for (const line of lines) {
      pending += `${line}\n`;
      await flush();
    }
    await flush(true);
    prefix.writeUInt32LE(textBytes, MAGIC.length + 4);
    await handle.write(prefix, 0, prefix.length, 0);
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  await rm(join(cacheDir, LEGACY_FILE), { force: true });
}

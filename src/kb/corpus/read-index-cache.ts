import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createDictionary } from '../search/packed-terms.js';
import { offerIndex } from '../snapshot.js';
import { joinChunks } from './cache-chunks.js';
import { decodePostings } from './cache-postings.js';
import { DATA_START, FINGERPRINT, INDEX_CACHE, MAGIC } from './index-cache.js';
import type { DocumentEntry } from './refresh-corpus.js';
import { isCachedDocument, isChunk, isHead, packedOk } from './validate-cache.js';

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

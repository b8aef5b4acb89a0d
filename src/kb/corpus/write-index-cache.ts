import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildPackedIndex } from '../search/build-packed-index.js';
import { createDictionary } from '../search/packed-terms.js';
import { splitChunks } from './cache-chunks.js';
import { encodePostings } from './cache-postings.js';
import { DATA_START, FINGERPRINT, INDEX_CACHE, LEGACY_FILE, MAGIC } from './index-cache.js';
import type { DocumentEntry } from './refresh-corpus.js';

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

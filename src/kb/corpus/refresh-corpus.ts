import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../../core/logger.js';
import { chunkDocument } from '../chunk/chunk-document.js';
import { loadDocument } from '../ingest/load-document.js';
import { analyzeChunk } from '../search/lexical-index.js';
import { createDictionary, type PackedChunks, packChunks, type TermDictionary } from '../search/packed-terms.js';
import type { KbChunk } from '../types.js';
import type { FileInfo } from './scan-files.js';

/**
 * A document as indexed: enough to tell whether the file changed and to rebuild postings without re-analysing.
 * The analysed chunks are kept as term ids (4 bytes a term) in a dictionary shared by the whole document map.
 */
export interface DocumentEntry {
  mtimeMs: number;
  size: number;
  hash: string;
  chunks: KbChunk[];
  analyzed: PackedChunks;
}

export interface RefreshResult {
  documents: Map<string, DocumentEntry>;
  failures: { source: string; reason: string }[];
  /** Number of added, changed or removed documents; 0 means the index can be reused. */
  changed: number;
}

async function ingest(
  file: FileInfo,
  content: Buffer,
  hash: string,
  dictionary: TermDictionary,
): Promise<DocumentEntry> {
  const chunks = await chunkDocument(await loadDocument(file.path, content), file.source);
  const analyzed = chunks.map((chunk) =>
    analyzeChunk({
      title: chunk.title,
      heading: chunk.headingPath,
      body: chunk.text,
      source: chunk.source,
      tags: chunk.tags,
    }),
  );
  return { mtimeMs: file.mtimeMs, size: file.size, hash, chunks, analyzed: packChunks(dictionary, analyzed) };
}

/** Files read ahead of the one being chunked: reads wait on the disk and the thread pool, chunking on the CPU. */
const READ_AHEAD = 16;

/** Starts reading the files that need it, at most READ_AHEAD ahead of the consumer; `take(i)` awaits file i. */
function readAhead(files: readonly FileInfo[], needed: readonly boolean[]) {
  const reads = new Map<number, Promise<Buffer>>();
  let next = 0;
  const fill = (from: number) => {
    for (; next < files.length && next < from + READ_AHEAD; next++) {
      if (!needed[next]) continue;
      const read = readFile((files[next] as FileInfo).path);
      read.catch(() => undefined); // awaited (and reported) by take()
      reads.set(next, read);
    }
  };
  return (i: number): Promise<Buffer> => {
    fill(i);
    const read = reads.get(i) ?? readFile((files[i] as FileInfo).path);
    reads.delete(i);
    return read;
  };
}

/**
 * Brings the document map up to date with the files on disk. Unchanged mtime+size reuse the entry as is; a changed
 * stat with identical content (sha256) only updates the stat; otherwise the file is re-read and re-chunked.
 * A failing file is recorded and skipped.
 *
 * @example const { documents } = await refreshCorpus(new Map(), await scanFiles(dir), logger)
 */
export async function refreshCorpus(
  previous: ReadonlyMap<string, DocumentEntry>,
  files: readonly FileInfo[],
  logger?: Logger,
): Promise<RefreshResult> {
  const documents = new Map<string, DocumentEntry>();
  const dictionary = previous.values().next().value?.analyzed.dictionary ?? createDictionary();
  const failures: RefreshResult['failures'] = [];
  let changed = 0;
  const unchanged = (file: FileInfo, old = previous.get(file.source)) =>
    old !== undefined && old.mtimeMs === file.mtimeMs && old.size === file.size;
  const take = readAhead(
    files,
    files.map((file) => !unchanged(file)),
  );
  for (const [i, file] of files.entries()) {
    const old = previous.get(file.source);
    if (old && unchanged(file, old)) {
      documents.set(file.source, old);
      continue;
    }
    try {
      const content = await take(i);
      const hash = createHash('sha256').update(content).digest('hex');
      if (old && old.hash === hash) {
        documents.set(file.source, { ...old, mtimeMs: file.mtimeMs, size: file.size });
        continue;
      }
      documents.set(file.source, await ingest(file, content, hash, dictionary));
      changed++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failures.push({ source: file.source, reason });
      if (old) changed++;
      logger?.warn({ source: file.source, reason }, 'kb: document skipped');
    }
  }
  for (const source of previous.keys())
    if (!documents.has(source) && !failures.some((f) => f.source === source)) changed++;
  return { documents, failures, changed };
}

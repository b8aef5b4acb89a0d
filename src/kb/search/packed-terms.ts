import type { AnalyzedChunk } from './lexical-index.js';

/**
 * Analysed terms interned to integer ids. One dictionary is shared by every document of a KB, so packed documents
 * can be merged into one index without comparing strings; it only grows (a removed page's terms keep their ids).
 */
export interface TermDictionary {
  ids: Map<string, number>;
  terms: string[];
}

/**
 * The analysed chunks of one document as term ids, in one array: chunk c's title, heading and body terms end at
 * `ends[3c]`, `ends[3c + 1]` and `ends[3c + 2]`, and its title starts where chunk c - 1's body ends (0 for c = 0).
 */
export interface PackedChunks {
  dictionary: TermDictionary;
  ids: Uint32Array;
  ends: Uint32Array;
}

/** @example createDictionary(['orthanc', 'port']).ids.get('port') // 1 */
export function createDictionary(terms: readonly string[] = []): TermDictionary {
  return { ids: new Map(terms.map((term, id) => [term, id])), terms: [...terms] };
}

/** Id of `term`, added to the dictionary when new. */
export function internTerm(dictionary: TermDictionary, term: string): number {
  let id = dictionary.ids.get(term);
  if (id === undefined) {
    id = dictionary.terms.length;
    dictionary.terms.push(term);
    dictionary.ids.set(term, id);
  }
  return id;
}

/**
 * Packs analysed chunks (title, heading, body terms) into term ids of `dictionary`.
 *
 * @example packChunks(createDictionary(), [analyzeChunk(parts)]).ends // Uint32Array [2, 3, 10]
 */
export function packChunks(dictionary: TermDictionary, chunks: readonly AnalyzedChunk[]): PackedChunks {
  let total = 0;
  for (const chunk of chunks) total += chunk.title.length + chunk.heading.length + chunk.body.length;
  const ids = new Uint32Array(total);
  const ends = new Uint32Array(chunks.length * 3);
  let at = 0;
  chunks.forEach((chunk, c) => {
    [chunk.title, chunk.heading, chunk.body].forEach((terms, f) => {
      for (const term of terms) ids[at++] = internTerm(dictionary, term);
      ends[c * 3 + f] = at;
    });
  });
  return { dictionary, ids, ends };
}

/** The same document with ids of another dictionary (used when documents of two dictionaries meet). */
export function repackChunks(packed: PackedChunks, dictionary: TermDictionary): PackedChunks {
  if (packed.dictionary === dictionary) return packed;
  const ids = packed.ids.map((id) => internTerm(dictionary, packed.dictionary.terms[id] ?? ''));
  return { dictionary, ids, ends: packed.ends };
}

/** Number of chunks in a packed document. */
export const packedChunkCount = (packed: PackedChunks): number => packed.ends.length / 3;

import { averageLengths, FIELDS, type LexicalIndex } from './lexical-index.js';
import { createDictionary, type PackedChunks, packedChunkCount } from './packed-terms.js';

/** Postings arrays of an index (see {@link LexicalIndex}). */
export type Postings = Pick<LexicalIndex, 'termStart' | 'docs' | 'fieldTf' | 'posStart' | 'positions'>;

/**
 * An index from postings read back from a cache: field lengths come from the packed documents they were built from.
 *
 * @example withPostings(documents, decoded).size
 */
export function withPostings(packed: readonly PackedChunks[], postings: Postings): LexicalIndex {
  const dictionary = packed[0]?.dictionary ?? createDictionary();
  const size = packed.reduce((n, p) => n + packedChunkCount(p), 0);
  const lengths = FIELDS.map(() => new Float32Array(size));
  let doc = 0;
  for (const { ends } of packed) {
    let from = 0;
    for (let c = 0; c < ends.length; c += 3, doc++)
      for (let f = 0; f < 3; f++) {
        (lengths[f] as Float32Array)[doc] = (ends[c + f] as number) - from;
        from = ends[c + f] as number;
      }
  }
  return {
    size,
    dictionary,
    termCount: postings.termStart.length - 1,
    ...postings,
    lengths,
    averageLengths: averageLengths(lengths, size),
  };
}

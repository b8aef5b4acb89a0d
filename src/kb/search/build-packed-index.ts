import { type AnalyzedChunk, averageLengths, FIELDS, type LexicalIndex } from './lexical-index.js';
import { createDictionary, type PackedChunks, packChunks, packedChunkCount, repackChunks } from './packed-terms.js';

const add = (array: Int32Array | Float32Array, i: number, by: number) => {
  array[i] = (array[i] as number) + by;
};

/**
 * Builds the packed index from packed documents (chunk numbers follow document order) in two passes over the term
 * ids: count postings and positions per term, then fill the slots (a counting sort, so no per-term lists grow).
 *
 * @example buildPackedIndex([packChunks(dictionary, chunks)]).size
 */
export function buildPackedIndex(packed: readonly PackedChunks[]): LexicalIndex {
  const dictionary = packed[0]?.dictionary ?? createDictionary();
  const documents = packed.map((p) => repackChunks(p, dictionary));
  const termCount = dictionary.terms.length;
  const size = documents.reduce((n, p) => n + packedChunkCount(p), 0);
  const lengths = FIELDS.map(() => new Float32Array(size));
  const lastDoc = new Int32Array(termCount).fill(-1);
  const termStart = new Int32Array(termCount + 1);
  const bodyCount = new Int32Array(termCount + 1);
  const [titles, headings, bodies] = lengths as [Float32Array, Float32Array, Float32Array];
  let doc = 0;
  // Pass 1: postings and body positions per term. (Plain loops: a visitor callback costs a third of the build.)
  for (const { ids, ends } of documents) {
    let from = 0;
    for (let c = 0; c < ends.length; c += 3, doc++) {
      const bodyFrom = ends[c + 1] as number;
      const to = ends[c + 2] as number;
      titles[doc] = (ends[c] as number) - from;
      headings[doc] = bodyFrom - (ends[c] as number);
      bodies[doc] = to - bodyFrom;
      for (let i = from; i < to; i++) {
        const t = ids[i] as number;
        if (lastDoc[t] !== doc) {
          lastDoc[t] = doc;
          add(termStart, t + 1, 1);
        }
        if (i >= bodyFrom) add(bodyCount, t + 1, 1);
      }
      from = to;
    }
  }
  for (let t = 0; t < termCount; t++) {
    add(termStart, t + 1, termStart[t] as number);
    add(bodyCount, t + 1, bodyCount[t] as number);
  }
  const postings = termStart[termCount] as number;
  const docs = new Int32Array(postings);
  const fieldTf = new Uint8Array(2 * postings);
  const posStart = new Int32Array(postings + 1);
  const positions = new Uint16Array(bodyCount[termCount] as number);
  const nextSlot = termStart.slice(0, termCount);
  const nextPosition = bodyCount.slice(0, termCount);
  const current = new Int32Array(termCount);
  lastDoc.fill(-1);
  doc = 0;
  // Pass 2: fill the slots, in chunk order, so every term's postings come out sorted by chunk.
  for (const { ids, ends } of documents) {
    let from = 0;
    for (let c = 0; c < ends.length; c += 3, doc++) {
      const headingFrom = ends[c] as number;
      const bodyFrom = ends[c + 1] as number;
      const to = ends[c + 2] as number;
      for (let i = from; i < to; i++) {
        const t = ids[i] as number;
        if (lastDoc[t] !== doc) {
          lastDoc[t] = doc;
          const slot = nextSlot[t] as number;
          nextSlot[t] = slot + 1;
          docs[slot] = doc;
          posStart[slot] = nextPosition[t] as number;
          current[t] = slot;
        }
        const slot = current[t] as number;
        if (i < bodyFrom) {
          // TF in title and heading saturates long before 255.
          const at = 2 * slot + (i < headingFrom ? 0 : 1);
          fieldTf[at] = Math.min(255, (fieldTf[at] as number) + 1);
        } else {
          // Body positions beyond 65535 cannot occur in a chunk of CHUNK_SIZE characters.
          const next = nextPosition[t] as number;
          positions[next] = Math.min(i - bodyFrom, 65535);
          nextPosition[t] = next + 1;
        }
      }
      from = to;
    }
  }
  posStart[postings] = positions.length;
  return {
    size,
    dictionary,
    termCount,
    termStart,
    docs,
    fieldTf,
    posStart,
    positions,
    lengths,
    averageLengths: averageLengths(lengths, size),
  };
}

/**
 * Builds the index of analysed chunks (chunk numbers are array indices), with a dictionary of its own.
 *
 * @example buildLexicalIndex([analyzeChunk({ title: 'T', heading: [], body: 'c-move', source: 'a.md', tags: [] })])
 */
export function buildLexicalIndex(chunks: readonly AnalyzedChunk[]): LexicalIndex {
  return buildPackedIndex([packChunks(createDictionary(), chunks)]);
}

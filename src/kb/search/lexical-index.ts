import { analyze } from './analyzer.js';
import {
  createDictionary,
  type PackedChunks,
  packChunks,
  packedChunkCount,
  repackChunks,
  type TermDictionary,
} from './packed-terms.js';

/** The three BM25F fields of a chunk. */
export const FIELDS = ['title', 'heading', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** Analysed text of one chunk, by field; body terms keep their positions for the proximity bonus. */
export type AnalyzedChunk = Record<Field, string[]>;

/**
 * Inverted index over chunks, packed in typed arrays (no object per posting): the postings of term id t are slots
 * `termStart[t]` to `termStart[t + 1]`, in ascending chunk order. Slot p holds its chunk in `docs[p]`, its title and
 * heading TF in `fieldTf[2p]` and `fieldTf[2p + 1]`, and its body positions in `positions[posStart[p]..posStart[p+1])`
 * (so the body TF is the number of positions).
 */
export interface LexicalIndex {
  size: number;
  dictionary: TermDictionary;
  /** Ids with postings slots; ids the dictionary gained after this build have none. */
  termCount: number;
  termStart: Int32Array;
  docs: Int32Array;
  fieldTf: Uint8Array;
  posStart: Int32Array;
  positions: Uint16Array;
  /** Field lengths per chunk, in FIELDS order. */
  lengths: Float32Array[];
  averageLengths: [number, number, number];
}

/** The postings of one term: views into the index's arrays, indexed from 0 (`posStart` has one extra entry). */
export interface PostingList {
  docs: Int32Array;
  fieldTf: Uint8Array;
  posStart: Int32Array;
  positions: Uint16Array;
}

function slots(index: LexicalIndex, term: string): [number, number] {
  const id = index.dictionary.ids.get(term);
  if (id === undefined || id >= index.termCount) return [0, 0];
  return [index.termStart[id] as number, index.termStart[id + 1] as number];
}

/** How many chunks contain `term` (in any field); 0 for a term the KB never uses. */
export function documentFrequency(index: LexicalIndex, term: string): number {
  const [start, end] = slots(index, term);
  return end - start;
}

/** The postings of `term`, or undefined when no chunk contains it. */
export function postingList(index: LexicalIndex, term: string): PostingList | undefined {
  const [start, end] = slots(index, term);
  if (start === end) return undefined;
  return {
    docs: index.docs.subarray(start, end),
    fieldTf: index.fieldTf.subarray(2 * start, 2 * end),
    posStart: index.posStart.subarray(start, end + 1),
    positions: index.positions,
  };
}

/**
 * Analyses a chunk's fields. Title carries the document title, file name and tags; heading carries the heading path
 * below the title; body the passage.
 *
 * @example analyzeChunk({ title: 'Ports', heading: ['Firewall'], body: 'Open 104', source: 'faq/ports.md', tags: [] })
 */
export function analyzeChunk(parts: {
  title: string;
  heading: string[];
  body: string;
  source: string;
  tags: string[];
}): AnalyzedChunk {
  const file =
    parts.source
      .split('/')
      .pop()
      ?.replace(/\.[^.]+$/, '') ?? '';
  const headings = parts.heading[0] === parts.title ? parts.heading.slice(1) : parts.heading;
  return {
    title: analyze([parts.title, file.replace(/[-_]+/g, ' '), ...parts.tags].join(' \n ')),
    heading: analyze(headings.join(' \n ')),
    body: analyze(parts.body),
  };
}

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
  const averageLengths = lengths.map((l) => Math.max(1, l.reduce((a, b) => a + b, 0) / Math.max(1, size)));
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
    averageLengths: averageLengths as [number, number, number],
  };
}

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
  const averageLengths = lengths.map((l) => Math.max(1, l.reduce((a, b) => a + b, 0) / Math.max(1, size)));
  return {
    size,
    dictionary,
    termCount: postings.termStart.length - 1,
    ...postings,
    lengths,
    averageLengths: averageLengths as [number, number, number],
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

import { analyze } from './analyzer.js';
import type { TermDictionary } from './packed-terms.js';

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

/** Mean length of each field over `size` chunks (at least 1, so an empty field never divides by zero). */
export function averageLengths(lengths: readonly Float32Array[], size: number): [number, number, number] {
  return lengths.map((l) => Math.max(1, l.reduce((a, b) => a + b, 0) / Math.max(1, size))) as [number, number, number];
}

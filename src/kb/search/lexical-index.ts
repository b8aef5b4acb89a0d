import { analyze } from './analyzer.js';

/** The three BM25F fields of a chunk. */
export const FIELDS = ['title', 'heading', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** Analysed text of one chunk, by field; body terms keep their positions for the proximity bonus. */
export type AnalyzedChunk = Record<Field, string[]>;

/** Where one term occurs in one chunk. */
export interface Posting {
  doc: number;
  /** Term frequency per field, in FIELDS order. */
  tf: [number, number, number];
  /** Positions in the body field, ascending. */
  positions: number[];
}

/** Inverted index over chunks: built once per (re)index, read by every query without touching text. */
export interface LexicalIndex {
  size: number;
  postings: Map<string, Posting[]>;
  /** Field lengths per chunk, in FIELDS order. */
  lengths: Float32Array[];
  averageLengths: [number, number, number];
}

/** How many chunks contain `term` (in any field); 0 for a term the KB never uses. */
export function documentFrequency(index: LexicalIndex, term: string): number {
  return index.postings.get(term)?.length ?? 0;
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

/**
 * Builds postings and length statistics for analysed chunks; chunk numbers are array indices.
 *
 * @example buildLexicalIndex([analyzeChunk({ title: 'T', heading: [], body: 'c-move', source: 'a.md', tags: [] })])
 */
export function buildLexicalIndex(chunks: readonly AnalyzedChunk[]): LexicalIndex {
  const postings = new Map<string, Posting[]>();
  const lengths = FIELDS.map(() => new Float32Array(chunks.length));
  const totals = [0, 0, 0];
  chunks.forEach((chunk, doc) => {
    const local = new Map<string, Posting>();
    FIELDS.forEach((field, f) => {
      const terms = chunk[field];
      (lengths[f] as Float32Array)[doc] = terms.length;
      totals[f] = (totals[f] ?? 0) + terms.length;
      terms.forEach((term, position) => {
        let posting = local.get(term);
        if (!posting) {
          posting = { doc, tf: [0, 0, 0], positions: [] };
          local.set(term, posting);
        }
        posting.tf[f] = (posting.tf[f] ?? 0) + 1;
        if (field === 'body') posting.positions.push(position);
      });
    });
    for (const [term, posting] of local) {
      const list = postings.get(term);
      if (list) list.push(posting);
      else postings.set(term, [posting]);
    }
  });
  const n = Math.max(1, chunks.length);
  const averageLengths = totals.map((total) => Math.max(1, total / n)) as [number, number, number];
  return { size: chunks.length, postings, lengths, averageLengths };
}

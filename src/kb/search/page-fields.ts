import type { KbChunk } from '../types.js';
import { analyze } from './analyzer.js';

/** Analysed page-level fields: what the page says it is about, as opposed to what its passages happen to mention. */
export interface PageFields {
  /** Title, file name and front-matter tags. */
  title: ReadonlySet<string>;
  /** Every heading of the page below the title. */
  headings: ReadonlySet<string>;
}

const EMPTY: PageFields = { title: new Set(), headings: new Set() };

/** Chunk range [start, end) of the page holding chunk `doc`; chunks of a page are contiguous in a snapshot. */
export function pageRange(sources: readonly string[], doc: number): [number, number] {
  const source = sources[doc];
  let start = doc;
  let end = doc + 1;
  while (start > 0 && sources[start - 1] === source) start--;
  while (end < sources.length && sources[end] === source) end++;
  return [start, end];
}

function analysePage(chunks: readonly KbChunk[], start: number, end: number): PageFields {
  const first = chunks[start];
  if (!first) return EMPTY;
  const file = (first.source.split('/').pop() ?? '').replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ');
  const title = new Set(analyze([first.title, file, ...first.tags].join(' \n ')));
  // Every chunk repeats its heading path: analyse each distinct heading once.
  const texts = new Set<string>();
  for (let i = start; i < end; i++) {
    const path = chunks[i]?.headingPath ?? [];
    for (const heading of path[0] === first.title ? path.slice(1) : path) texts.add(heading);
  }
  return { title, headings: new Set(analyze([...texts].join(' \n '))) };
}

// Filled lazily per snapshot (keyed by its chunk array), one page at a time: only pages that reach the candidate
// list of some query are ever analysed, so the cost follows the queries, not the size of the KB.
const CACHE = new WeakMap<readonly KbChunk[], Map<string, PageFields>>();

/**
 * Page fields of the page holding chunk `doc`, analysed on first use and cached for the snapshot's lifetime.
 *
 * @example pageFields(snapshot.chunks, snapshot.sources, 12).title.has('black')
 */
export function pageFields(chunks: readonly KbChunk[], sources: readonly string[], doc: number): PageFields {
  let cache = CACHE.get(chunks);
  if (!cache) {
    cache = new Map();
    CACHE.set(chunks, cache);
  }
  const source = sources[doc] ?? '';
  let fields = cache.get(source);
  if (!fields) {
    const [start, end] = pageRange(sources, doc);
    fields = analysePage(chunks, start, end);
    cache.set(source, fields);
  }
  return fields;
}

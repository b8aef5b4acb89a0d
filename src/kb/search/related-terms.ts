import type { KbChunk } from '../types.js';
import { analyze } from './analyzer.js';
import type { QueryTerm } from './expand-query.js';

/**
 * Related terms learned from the KB's own labels: its titles (with file names and front-matter tags) and headings.
 * Two words that keep appearing in the same label ("worklist" and "scheduled", "storage" and "recycling") are
 * related in this KB, whatever the hand-written vocabulary says. Added as low-weight expansions.
 */
export const RELATED = {
  /** Weight of a learned term at full strength (typed terms weigh 1, vocabulary expansions 0.5). */
  weight: 0.1,
  /** Label lines two words must share, and the share of the typed word's lines they must be in. */
  minShared: 2,
  minShare: 0.25,
  /** A word in more than this share of labels ("orthanc", "configuration") is too general to learn from. */
  maxLabelShare: 0.05,
  perTerm: 3,
} as const;

interface LabelIndex {
  lines: string[][];
  /** Term → ids of the label lines holding it. */
  byTerm: Map<string, number[]>;
  learned: Map<string, [string, number][]>;
}

function emptyLabels(): LabelIndex {
  return { lines: [], byTerm: new Map(), learned: new Map() };
}

/** Adds the labels of chunks [from, to) to the index; lines already seen (repeated heading paths) are skipped. */
function addLabels(labels: LabelIndex, seen: Set<string>, chunks: readonly KbChunk[], from: number, to: number): void {
  const add = (text: string) => {
    if (seen.has(text)) return;
    seen.add(text);
    const terms = [...new Set(analyze(text))];
    if (terms.length < 2) return;
    const id = labels.lines.push(terms) - 1;
    for (const term of terms) {
      const list = labels.byTerm.get(term);
      if (list) list.push(id);
      else labels.byTerm.set(term, [id]);
    }
  };
  for (let i = from; i < Math.min(to, chunks.length); i++) {
    const chunk = chunks[i] as KbChunk;
    add([chunk.title, ...chunk.tags].join(' '));
    for (const heading of chunk.headingPath) add(heading);
  }
}

function learn(labels: LabelIndex, term: string): [string, number][] {
  const cached = labels.learned.get(term);
  if (cached) return cached;
  const ids = labels.byTerm.get(term) ?? [];
  let out: [string, number][] = [];
  if (ids.length >= RELATED.minShared && ids.length <= RELATED.maxLabelShare * labels.lines.length) {
    const counts = new Map<string, number>();
    for (const id of ids)
      for (const other of labels.lines[id] ?? []) if (other !== term) counts.set(other, (counts.get(other) ?? 0) + 1);
    out = [...counts]
      .filter(
        ([other, n]) =>
          n >= RELATED.minShared &&
          n / ids.length >= RELATED.minShare &&
          (labels.byTerm.get(other)?.length ?? 0) <= RELATED.maxLabelShare * labels.lines.length,
      )
      .map(([other, n]): [string, number] => [other, n / ids.length])
      .sort((a, b) => b[1] - a[1])
      .slice(0, RELATED.perTerm);
  }
  labels.learned.set(term, out);
  return out;
}

/** KBs up to this many chunks build their label index at once (tens of ms); larger ones in the background. */
const SYNC_BUILD_CHUNKS = 20_000;
const SLICE = 2_000;

// One label index per snapshot (keyed by its chunk array), started when the snapshot is built (knowledge-base.ts). A
// large KB builds it in slices between queries, so no query waits for it; until it is complete its queries simply
// get no learned terms. Pairs are learned per typed word on demand and cached.
const CACHE = new WeakMap<readonly KbChunk[], { labels: LabelIndex; ready: Promise<void>; done: boolean }>();

function labelsOf(chunks: readonly KbChunk[]): { labels: LabelIndex; ready: Promise<void>; done: boolean } {
  let entry = CACHE.get(chunks);
  if (entry) return entry;
  const labels = emptyLabels();
  const seen = new Set<string>();
  if (chunks.length <= SYNC_BUILD_CHUNKS) {
    addLabels(labels, seen, chunks, 0, chunks.length);
    entry = { labels, ready: Promise.resolve(), done: true };
  } else {
    const building = { labels, ready: Promise.resolve(), done: false };
    building.ready = (async () => {
      for (let from = 0; from < chunks.length; from += SLICE) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        addLabels(labels, seen, chunks, from, from + SLICE);
      }
      building.done = true;
    })();
    entry = building;
  }
  CACHE.set(chunks, entry);
  return entry;
}

/** Resolves when the snapshot's label index is complete (at once for small KBs); for tests and warm-up. */
export function relatedTermsReady(chunks: readonly KbChunk[]): Promise<void> {
  return labelsOf(chunks).ready;
}

/**
 * Learned related terms for the typed terms of a query, as low-weight expansions.
 *
 * @example relatedTerms(snapshot.chunks, expandQuery('mwl empty')) // [{ term: 'schedul', weight: 0.05, … }]
 */
export function relatedTerms(chunks: readonly KbChunk[], terms: readonly QueryTerm[]): QueryTerm[] {
  const { labels, done } = labelsOf(chunks);
  if (!done) return [];
  const out = new Map<string, QueryTerm>();
  for (const typed of terms) {
    if (!typed.original) continue;
    for (const [term, strength] of learn(labels, typed.term)) {
      const weight = RELATED.weight * strength;
      const known = out.get(term);
      // No `from`: a learned term scores a little but never explains a typed word for confidence.
      if (!known || known.weight < weight) out.set(term, { term, weight, original: false });
    }
  }
  return [...out.values()];
}

import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stop-words.js';
import { SPELLING_VARIANTS } from './vocabulary.js';

// Words with inner hyphens, dots, slashes or underscores stay together first (C-MOVE, orthanc.json, query/retrieve).
const WORD = /[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*/gu;
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})/u;
const JOINERS = /[-_]/;

function variant(word: string): string {
  return (SPELLING_VARIANTS as Record<string, string>)[word] ?? word;
}

/** Porter stem, except for tokens with digits (versions, ports, tags) which must match exactly. */
export function stem(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    stemmed = /\d/.test(word) ? word : stemmer(variant(word));
    // Bounded: a 10,000-page KB has ~60k distinct words; indexing it stems millions of occurrences.
    if (STEMS.size >= MAX_STEMS) STEMS.clear();
    STEMS.set(word, stemmed);
  }
  return stemmed;
}

const STEMS = new Map<string, string>();
const MAX_STEMS = 200_000;

/**
 * Splits text into lower-case surface words. A compound is emitted whole and in parts, so `C-Move` yields `cmove`
 * and `move`, and `DicomModalities` yields `dicommodalities`, `dicom`, `modalities`. Apostrophes are dropped so that
 * "won't" becomes the stop word `wont`.
 *
 * @example surfaceWords("Orthanc won't C-Move") // ['orthanc', 'wont', 'cmove', 'move']
 */
export function surfaceWords(text: string): string[] {
  const out: string[] = [];
  for (const match of text.replace(/['’]/g, '').matchAll(WORD)) {
    const raw = match[0];
    const parts = raw.split(/[-_./]/).flatMap((part) => part.split(CAMEL));
    const lower = raw.toLowerCase();
    if (parts.length === 1) {
      out.push(lower);
      continue;
    }
    // Joined form only for hyphen/underscore/camel compounds: "cmove", "deidentify", "dicommodalities".
    if (JOINERS.test(raw) || !/[./]/.test(raw)) out.push(lower.replace(/[-_./]/g, ''));
    for (const part of parts) if (part.length > 1) out.push(part.toLowerCase());
  }
  return out;
}

/**
 * Full analysis for indexing and querying: surface words, minus stop words and one-letter tokens, Porter-stemmed.
 *
 * @example analyze('Retrieving the previous studies') // ['retriev', 'previou', 'studi']
 */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const word of surfaceWords(text)) {
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (STOP_WORDS.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

import { analyze } from './analyzer.js';
import { PACS_VOCABULARY, type VocabularyEntry } from './vocabulary.js';

/** Weight of a term the user did not type but the vocabulary suggests, relative to 1 for typed terms. */
export const EXPANSION_WEIGHT = 0.35;

/** One analysed query term with its weight; `original` is false for vocabulary expansions. */
export interface QueryTerm {
  term: string;
  weight: number;
  original: boolean;
}

interface CompiledEntry {
  triggers: string[][];
  adds: string[];
}

function compile(entry: VocabularyEntry): CompiledEntry {
  const triggers = entry.terms.map((phrase) => analyze(phrase)).filter((terms) => terms.length > 0);
  const synonyms = entry.oneWay ? [] : triggers.flat();
  const related = (entry.related ?? []).flatMap((phrase) => analyze(phrase));
  return { triggers, adds: [...new Set([...synonyms, ...related])] };
}

// Compiled once at module load: phrases go through the same analyzer as documents and questions.
const COMPILED: readonly CompiledEntry[] = PACS_VOCABULARY.map(compile);

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= haystack.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (haystack[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Analyses a question and expands it with the PACS vocabulary. Typed terms weigh 1 (repeats do not add up);
 * expansion terms weigh {@link EXPANSION_WEIGHT} and never replace a typed term.
 *
 * @example expandQuery('pull priors').find((t) => t.term === 'cmove')?.weight // 0.35
 */
export function expandQuery(question: string): QueryTerm[] {
  const analysed = analyze(question);
  const terms = new Map<string, QueryTerm>();
  for (const term of analysed) terms.set(term, { term, weight: 1, original: true });
  for (const entry of COMPILED) {
    if (!entry.triggers.some((phrase) => containsPhrase(analysed, phrase))) continue;
    for (const term of entry.adds) {
      if (!terms.has(term)) terms.set(term, { term, weight: EXPANSION_WEIGHT, original: false });
    }
  }
  return [...terms.values()];
}

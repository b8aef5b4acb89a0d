import { analyze } from './analyzer.js';
import { NEGATED, negatedTerms } from './negation.js';
import { PACS_VOCABULARY, type VocabularyEntry } from './vocabulary.js';

/** Weight of a term the user did not type but the vocabulary suggests, relative to 1 for typed terms. */
export const EXPANSION = { weight: 0.5, familyCap: 3 };

/** One analysed query term with its weight; `original` is false for vocabulary expansions. */
export interface QueryTerm {
  term: string;
  weight: number;
  original: boolean;
  /** For expansions: the typed terms whose vocabulary entry added this term. */
  from?: string[];
}

interface CompiledEntry {
  triggers: string[][];
  /** Term → share of the expansion weight; a multi-word phrase splits it among its words. */
  adds: Map<string, number>;
}

/** Words of a phrase that survive analysis; a phrase that loses words to stop words ("log in") is too vague to trigger. */
function exactPhrase(phrase: string): string[] | undefined {
  const terms = analyze(phrase);
  return terms.length > 0 && terms.length === phrase.trim().split(/\s+/).length ? terms : undefined;
}

function compile(entry: VocabularyEntry): CompiledEntry {
  const triggers = entry.terms.map(exactPhrase).filter((terms): terms is string[] => terms !== undefined);
  const adds = new Map<string, number>();
  const add = (phrase: string) => {
    const terms = analyze(phrase);
    for (const term of terms) adds.set(term, Math.max(adds.get(term) ?? 0, 1 / terms.length));
  };
  if (!entry.oneWay) entry.terms.forEach(add);
  (entry.related ?? []).forEach(add);
  return { triggers, adds };
}

const ABSENCE =
  /\b(?:not|isnt|arent|never|no longer)\s+(?:in|on|showing|appearing|there|(?:gone|come|came)\s+(?:in|through|across))\b/i;
const ABSENT_TERMS = analyze('missing showing appear');

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
 * expansion terms weigh {@link EXPANSION}.weight and never replace a typed term. Words the question rules out ("no
 * reverse proxy", negation.ts) weigh little, count as not asked, and expand nothing.
 *
 * @example expandQuery('pull priors').find((t) => t.term === 'cmove')?.weight // 0.35
 */
export function expandQuery(question: string): QueryTerm[] {
  const analysed = analyze(question);
  const negated = negatedTerms(question);
  const terms = new Map<string, QueryTerm>();
  for (const term of analysed)
    terms.set(
      term,
      negated.has(term) ? { term, weight: NEGATED.weight, original: false } : { term, weight: 1, original: true },
    );
  for (const entry of COMPILED) {
    const matched = entry.triggers.filter(
      (phrase) => containsPhrase(analysed, phrase) && !phrase.every((term) => negated.has(term)),
    );
    if (matched.length === 0) continue;
    const from = [...new Set(matched.flat())];
    for (const [term, share] of entry.adds) {
      const weight = EXPANSION.weight * share;
      const known = terms.get(term);
      if (!known) terms.set(term, { term, weight, original: false, from });
      else if (!known.original) {
        known.weight = Math.max(known.weight, weight);
        known.from = [...new Set([...(known.from ?? []), ...from])];
      }
    }
  }
  // "not in pacs", "isnt on the worklist": the thing is missing, yet every word of the cue is a stop word, so the
  // vocabulary cannot see it. Pages say missing, not showing, does not appear. Credited to no typed word.
  if (ABSENCE.test(question))
    for (const term of ABSENT_TERMS)
      if (!terms.has(term)) terms.set(term, { term, weight: EXPANSION.weight, original: false, from: [] });
  return [...terms.values()];
}

/**
 * A typed word's expansions together weigh at most {@link EXPANSION}.familyCap, for scoring: "login" adds a dozen
 * synonyms (password, sign, credentials, sso...), and without a cap a passage dense in them outranked one that
 * answers more of the question's words. Families of a few terms are untouched.
 *
 * @example capExpansionFamilies(expandQuery('login')) // the login synonyms share a weight of 3
 */
export function capExpansionFamilies(terms: readonly QueryTerm[]): QueryTerm[] {
  const sums = new Map<string, number>();
  for (const t of terms)
    if (!t.original && t.from?.length === 1) {
      const from = t.from[0] as string;
      sums.set(from, (sums.get(from) ?? 0) + t.weight);
    }
  return terms.map((t) => {
    const sum = t.original || t.from?.length !== 1 ? 0 : (sums.get(t.from[0] as string) ?? 0);
    return sum > EXPANSION.familyCap ? { ...t, weight: (t.weight * EXPANSION.familyCap) / sum } : t;
  });
}

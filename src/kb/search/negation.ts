import { analyze } from './analyzer.js';

/**
 * Words the question rules out: "https in Orthanc itself, no reverse proxy", "anonymise without the dates". A negated
 * phrase runs from the cue to the end of its clause, at most a few words.
 */
// "instead of" / "rather than" are left out: they name an alternative the answering page often explains too ("under
// /viewer instead of the root": the page is about the root path as much as the sub-path).
const CUE = /\b(?:no|without|except|not using|not via|not through)\s+([^,.;:!?()]+)/gi;
const MAX_WORDS = 3;

/** Weight of a negated term: kept a little (pages often name what they are an alternative to), never counted as asked. */
export const NEGATED = { weight: 0.15 } as const;

/**
 * Analysed terms the question negates and does not also ask for elsewhere.
 *
 * @example negatedTerms('enable https, no reverse proxy') // Set { 'revers', 'proxi' }
 */
export function negatedTerms(question: string): Set<string> {
  const negated = new Set<string>();
  let rest = question.replace(/['’]/g, '');
  for (const match of question.replace(/['’]/g, '').matchAll(CUE)) {
    const span = (match[1] ?? '').trim().split(/\s+/).slice(0, MAX_WORDS).join(' ');
    for (const term of analyze(span)) negated.add(term);
    rest = rest.replace(match[0], ' ');
  }
  for (const term of analyze(rest)) negated.delete(term);
  return negated;
}

import { stem, surfaceWords } from './analyzer.js';
import { documentFrequency, type LexicalIndex } from './lexical-index.js';
import { STOP_WORDS } from './stop-words.js';

/**
 * Typo correction for words the KB has never seen ("completley", "imgaes"). Only words whose stem no chunk contains
 * are corrected, so a word the KB uses is never changed. Candidates are the word's likely slips at distance 1 (deletion,
 * transposition, keyboard-neighbour substitution, insertion; see edits()) and, for long words, deletions and transpositions at distance 2; each is
 * stemmed and looked up, and the one most chunks contain wins. The work is per typed word (a few hundred lookups),
 * never per KB term.
 */
export const TYPOS = {
  /** Shorter words have too many real neighbours to guess from. */
  minLength: 5,
  /** Longer "words" are pasted identifiers or keyboard mashing, not slips of a KB word (and edits grow with length²). */
  maxLength: 24,
  /** Words at least this long also try distance-2 deletions and transpositions. */
  distance2Length: 8,
  /** A correction must be a word at least this many chunks use: typos are of common words. */
  minDocumentFrequency: 3,
} as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

// Keys next to each other on a QWERTY keyboard: a slipped finger substitutes a neighbour, not any letter.
const NEIGHBOURS = new Map<string, string>();
ROWS.forEach((row, r) => {
  [...row].forEach((key, c) => {
    const near = [
      row[c - 1],
      row[c + 1],
      ROWS[r - 1]?.[c],
      ROWS[r - 1]?.[c + 1],
      ROWS[r + 1]?.[c],
      ROWS[r + 1]?.[c - 1],
    ];
    NEIGHBOURS.set(key, near.filter(Boolean).join(''));
  });
});

/**
 * Edits after the first letter (people rarely get it wrong, and changing it turns one real word into another:
 * "lumped"/"dumped"), never dropping or changing the last letter ("printer" is not a typo of "printed"). Substitutions
 * are keyboard neighbours only, so "accents" does not become "accepts". Distance 2 is two deletions/transpositions.
 */
function deletesAndTransposes(word: string, out: Set<string>): void {
  for (let i = 1; i < word.length; i++) {
    if (i < word.length - 1) out.add(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
}

function edits(word: string): Set<string> {
  const out = new Set<string>();
  deletesAndTransposes(word, out);
  if (word.length >= TYPOS.distance2Length) for (const near of [...out]) deletesAndTransposes(near, out);
  for (let i = 1; i <= word.length; i++) {
    for (const c of LETTERS) out.add(word.slice(0, i) + c + word.slice(i));
    const at = word[i];
    if (at && i < word.length - 1)
      for (const c of NEIGHBOURS.get(at) ?? '') out.add(word.slice(0, i) + c + word.slice(i + 1));
  }
  out.delete(word);
  return out;
}

/** The word a misspelt word most likely meant, or undefined when none is close and common enough in the KB. */
export function correctWord(index: LexicalIndex, word: string): string | undefined {
  let best: string | undefined;
  let bestDf = TYPOS.minDocumentFrequency - 1;
  for (const candidate of edits(word)) {
    if (candidate.length < 3) continue;
    // A slip of a stop word ("completley", "becuase") is corrected to it, and analysis then drops it.
    if (STOP_WORDS.has(candidate)) return candidate;
    const term = stem(candidate);
    const df = documentFrequency(index, term);
    if (df > bestDf) {
      best = candidate;
      bestDf = df;
    }
  }
  return best;
}

/**
 * The question with its misspelt words replaced by what they most likely meant, so that the corrected words are
 * analysed, expanded and counted for confidence like typed ones. Unchanged when every word is known or no
 * correction is close and common enough.
 *
 * @example correctQuestion(index, 'cxr opened completley white') // 'cxr opened completely white'
 */
export function correctQuestion(index: LexicalIndex, question: string): string {
  let corrected = question;
  const seen = new Set<string>();
  for (const word of surfaceWords(question)) {
    if (
      word.length < TYPOS.minLength ||
      word.length > TYPOS.maxLength ||
      /[^a-z]/.test(word) ||
      STOP_WORDS.has(word) ||
      seen.has(word)
    )
      continue;
    seen.add(word);
    if (documentFrequency(index, stem(word)) > 0) continue;
    const fix = correctWord(index, word);
    if (fix) corrected = corrected.replace(new RegExp(`\\b${word}\\b`, 'gi'), fix);
  }
  return corrected;
}

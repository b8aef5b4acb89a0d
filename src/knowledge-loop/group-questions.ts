import { contentTerms } from '../answers/question-terms.js';
import { stripPlaceholders } from '../core/phi-redact.js';

/** Words that say nothing about a topic in a PACS help channel, on top of the usual stop words. */
const vague = new Set([
  'please',
  'help',
  'anyone',
  'know',
  'need',
  'want',
  'someone',
  'thank',
  'thanks',
  'hi',
  'hello',
]);

/** Stemmed content terms of an already redacted question (placeholders such as `[MRN]` dropped). */
export function topicTerms(question: string): string[] {
  return contentTerms(stripPlaceholders(question)).filter((t) => !vague.has(t));
}

function similar(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const smaller = Math.min(a.size, b.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  // One shared word is a topic only when one of the questions has little else to say.
  if (shared < Math.min(2, smaller)) return 0;
  return shared / smaller;
}

/**
 * Puts similar questions together: a question joins the group holding the question most like it (shared stemmed
 * content words over the shorter question's, at least `threshold`), else starts a group. Deterministic: input
 * order decides ties.
 */
export function groupQuestions<T>(items: readonly T[], text: (item: T) => string, threshold = 0.5): T[][] {
  const groups: { members: T[]; terms: Set<string>[] }[] = [];
  for (const item of items) {
    const terms = new Set(topicTerms(text(item)));
    let best: (typeof groups)[number] | undefined;
    let bestScore = 0;
    for (const group of groups) {
      const score = Math.max(...group.terms.map((t) => similar(terms, t)));
      if (score >= threshold && score > bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (best) {
      best.members.push(item);
      best.terms.push(terms);
    } else groups.push({ members: [item], terms: [terms] });
  }
  return groups.map((g) => g.members);
}

/** A short label for a group: its most frequent content words (as first written), most frequent first. */
export function topicLabel(questions: readonly string[], words = 3): string {
  const counts = new Map<string, { n: number; first: number; surface: string }>();
  let position = 0;
  for (const question of questions) {
    const seen = new Set<string>();
    for (const surface of stripPlaceholders(question)
      .toLowerCase()
      .split(/[^a-z0-9'’-]+/)) {
      const [term] = topicTerms(surface);
      position += 1;
      if (!term || seen.has(term)) continue;
      seen.add(term);
      const entry = counts.get(term);
      if (entry) entry.n += 1;
      else counts.set(term, { n: 1, first: position, surface: surface.replace(/^['’-]+|['’-]+$/g, '') });
    }
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first).slice(0, words);
  return top.map((t) => t.surface).join(' ') || 'other';
}

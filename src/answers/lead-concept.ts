import { headingRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, type SearchResult, SectionRole } from '../kb/types.js';
import { QuestionIntent } from './lead-intent.js';
import type { LeadChoice } from './lead-section.js';
import { isIntro, matchedLine } from './matched-line.js';
import { termOverlap } from './question-terms.js';

/**
 * "What is X" answered by a section that uses X (a setting, a sub-feature) rather than the page's own definition:
 * lead with the definition or introduction when it speaks of the same things at least as much.
 */
export function conceptLead(
  question: string,
  top: SearchResult,
  questionTerms: string[],
  page: (source: string) => KbChunk[],
): LeadChoice | undefined {
  let terms = questionTerms;
  const asksWhatIs = /^(?:what(?:'s|s| is| are)\b)|\bwhat does (?:that|this|it|.*) mean\b|\bmeaning of\b/i.test(
    question.trim(),
  );
  const comparing = /\bdifference\b|\bvs\.?\s|\bversus\b/i.test(question);
  if ((!asksWhatIs && !comparing) || isDefinitionLike(top.chunk)) return undefined;
  // Words that ask for a meaning are not what the definition is about.
  terms = terms.filter((t) => !/^(?:what|mean|meaning|differenc|between|vs|versu)$/.test(t));
  if (terms.length === 0) return undefined;
  // The definition must open with the asked term(s), not mention them in passing; a comparison, with all of them.
  const enough = comparing ? 1 : Math.max(terms.length - 1, 1) / Math.max(terms.length, 1);
  const topOverlap = termOverlap(terms, `${top.chunk.heading}\n${top.chunk.text}`);
  const definitions = page(top.chunk.source).filter((c) => {
    // A heading that announces a meaning ("Merge, split, move: what each means") defines, whatever its text holds.
    if (!isDefinitionLike(c) && headingRole(c.heading) !== SectionRole.Definition) return false;
    const opening = `${c.heading}\n${c.text.slice(0, 400)}`;
    return termOverlap(terms, opening) >= enough && termOverlap(terms, `${c.heading}\n${c.text}`) >= topOverlap;
  });
  // A section that defines the asked terms by name beats the page's introduction.
  const weight = (c: KbChunk) =>
    termOverlap(terms, c.heading) + (isIntro(c) ? 0 : 0.5) + (roleOf(c) === SectionRole.Definition ? 0.25 : 0);
  const definition = definitions.reduce<KbChunk | undefined>(
    (b, c) => (!b || weight(c) > weight(b) ? c : b),
    undefined,
  );
  if (!definition) return undefined;
  return {
    lead: { chunk: definition, score: top.score },
    matched: { result: top, why: matchedLine(top.chunk, terms) },
    intent: QuestionIntent.Concept,
  };
}

export function isDefinitionLike(chunk: KbChunk): boolean {
  const role = roleOf(chunk);
  return role === SectionRole.Definition || (role === SectionRole.Overview && isIntro(chunk));
}

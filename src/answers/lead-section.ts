import { isActionRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, type KnowledgeBase, type SearchResponse, type SearchResult, SectionRole } from '../kb/types.js';
import { contentTerms, termOverlap } from './question-terms.js';

/** What the question asks for, read from its wording. */
export const QuestionIntent = {
  Troubleshooting: 'troubleshooting',
  HowTo: 'how-to',
  Concept: 'concept',
  Contact: 'contact',
  Other: 'other',
} as const;
export type QuestionIntent = (typeof QuestionIntent)[keyof typeof QuestionIntent];

const contactAsk = /\bwho (?:do i|should i|to|can i)\s+(?:call|contact|ring|phone|ask|page|bleep)\b|\bescalat/i;
const conceptAsk =
  /^(?:what(?:'s|s| is| are| does| do)\b(?!.*\b(?:wrong|happen(?:ed|ing)?)\b)|define\b|meaning of\b)|\bdifference between\b|\bvs\.?\s|\bwhat does .* mean\b|^(?:is|are|does) (?:the |an? )?\S+(?: \S+)? (?:a|an|fda|hipaa|compliant|cleared|support)/i;
const troubleAsk =
  /\b(?:not|no|never|n't|wont|cant|cannot|dont|doesnt|isnt|didnt|aint|unable|error|errors|fail\w*|keeps?|missing|down|broken|blank|black|white|stuck|wrong|empty|frozen|freez\w*|slow|crash\w*|garbled|rejected|refused|denied|locked|lost|disappear\w*|gone|dies|died|problem|issue|help)\b/i;
const howToAsk = /\b(?:how (?:do|can|to|should)|how\b|where (?:do|can|is)|can i|want to|need to|is there a way)\b/i;

/** Reads the question's intent; a problem wins over "how" ("how do i fix the black screen" is troubleshooting). */
export function readIntent(question: string): QuestionIntent {
  const q = question.toLowerCase().replace(/[’']/g, "'");
  if (contactAsk.test(q)) return QuestionIntent.Contact;
  if (conceptAsk.test(q) && !/\b(?:not|n't|wrong|error)\b/.test(q)) return QuestionIntent.Concept;
  if (troubleAsk.test(q)) return QuestionIntent.Troubleshooting;
  if (howToAsk.test(q)) return QuestionIntent.HowTo;
  return QuestionIntent.Other;
}

export interface LeadChoice {
  /** The section the answer leads with (its own search result, or a section of the best match's page). */
  lead: SearchResult;
  /** Set when the lead is not the best match: the best match, and one short line saying why the page matched. */
  matched?: { result: SearchResult; why: string };
  intent: QuestionIntent;
}

/**
 * Chooses the section an answer leads with. The best match stays the lead unless it only describes the problem (a
 * symptom list, a cause, a definition or the page's introduction) while the question wants a way out: then the
 * lead is the page's action section that fits the question best (its own search score, the question's words in its
 * heading and text, a link to it from the matched text, a triage "first" section). Concept questions keep the
 * definition.
 *
 * @example chooseLead('viewer says no images', results, (source) => kb.page(source)).lead.chunk.heading
 */
export function chooseLead(
  question: string,
  results: readonly SearchResult[],
  page: (source: string) => KbChunk[],
): LeadChoice | undefined {
  const top = results[0];
  if (!top) return undefined;
  const intent = readIntent(question);
  if (!describesProblem(top.chunk, intent)) return { lead: top, intent };
  const terms = contentTerms(question);
  const candidates = actionSections(page(top.chunk.source), intent).filter((c) => c.anchor !== top.chunk.anchor);
  const scored = candidates.map((chunk) => ({ chunk, score: sectionFit(chunk, { top, terms, results, intent }) }));
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < minimumFit) return { lead: top, intent };
  const own = results.find((r) => r.chunk.id === best.chunk.id);
  return {
    lead: own ?? { chunk: best.chunk, score: top.score },
    matched: { result: top, why: matchedLine(top.chunk, terms) },
    intent,
  };
}

/**
 * The section `ask` leads with for a search response, as the answer service chooses it (its first `passages`
 * results, flagged passages never): what `kb eval` scores as the cited section.
 */
export function leadSectionOf(
  kb: Pick<KnowledgeBase, 'page'>,
  question: string,
  response: SearchResponse,
  passages = 5,
): KbChunk | undefined {
  const results = response.results.slice(0, passages).filter((r) => !r.chunk.flagged);
  return chooseLead(question, results, (source) => kb.page(source).filter((c) => !c.flagged))?.lead.chunk;
}

/** Below this the page has no action section that fits: the best match stays the lead. */
const minimumFit = 0.4;

function describesProblem(chunk: KbChunk, intent: QuestionIntent): boolean {
  const role = roleOf(chunk);
  if (intent === QuestionIntent.Concept) return false;
  if (intent === QuestionIntent.Contact) return role !== SectionRole.Contact;
  // A how-to, a problem or a bare request ("store the files in s3") wants what to do, not whom to tell.
  if (role === SectionRole.Symptoms || role === SectionRole.Definition || role === SectionRole.Contact) return true;
  if (role === SectionRole.Cause) return intent === QuestionIntent.Troubleshooting;
  // An introduction (text above the first subheading, or headed so) describes the page, not what to do.
  return role === SectionRole.Overview && (chunk.headingPath.length <= 1 || introHeading.test(chunk.heading));
}

const introHeading = /^(?:overview|introduction|about|background|summary|general)\b/i;

/** The page's action sections, one chunk per section (its first part), in page order. */
export function actionSections(chunks: readonly KbChunk[], intent?: QuestionIntent): KbChunk[] {
  const seen = new Set<string>();
  return chunks.filter((chunk) => {
    if (seen.has(chunk.anchor)) return false;
    seen.add(chunk.anchor);
    const role = roleOf(chunk);
    return intent === QuestionIntent.Contact ? role === SectionRole.Contact : isActionRole(role);
  });
}

function sectionFit(
  chunk: KbChunk,
  ctx: { top: SearchResult; terms: string[]; results: readonly SearchResult[]; intent: QuestionIntent },
): number {
  const { top, terms, results, intent } = ctx;
  let score = termOverlap(terms, chunk.heading) * 2 + termOverlap(terms, chunk.text);
  const own = results.find((r) => r.chunk.source === chunk.source && r.chunk.anchor === chunk.anchor);
  if (own && top.score > 0) score += own.score / top.score;
  // The matched text points the reader here ("Go to [Fix it on your PC](#fix-it-on-your-pc)").
  if (chunk.anchor && top.chunk.text.includes(`(#${chunk.anchor})`)) score += 1;
  // A triage section ("First: is it just you?", "Check first") is where a troubleshooting page starts.
  const topRole = roleOf(top.chunk);
  if (
    (topRole === SectionRole.Symptoms || topRole === SectionRole.Overview) &&
    /\bfirst\b|\bstart here\b|\bquick (?:check|answer|fix)/i.test(chunk.heading)
  )
    score += 0.8;
  if (roleOf(chunk) === SectionRole.Contact && intent !== QuestionIntent.Contact) score -= 0.8;
  return score;
}

/** One short line saying why the page matched: the symptom line closest to the question, else the heading. */
function matchedLine(chunk: KbChunk, terms: string[]): string {
  let best = '';
  let bestOverlap = 0;
  for (const raw of chunk.text.split('\n')) {
    const line = plain(raw);
    if (line.length < 8) continue;
    const overlap = termOverlap(terms, line);
    if (overlap > bestOverlap) {
      best = line;
      bestOverlap = overlap;
    }
  }
  const text = bestOverlap > 0 ? best : plain(chunk.heading || chunk.title);
  return `_Matched: “${text.length > 90 ? `${text.slice(0, 88).replace(/\s+\S*$/, '')}…` : text}”_`;
}

function plain(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+[.)]|>)\s+/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

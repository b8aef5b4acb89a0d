import { headingRole, isActionRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, type KnowledgeBase, type SearchResponse, type SearchResult, SectionRole } from '../kb/types.js';
import { introHeading, isIntro, matchedLine } from './matched-line.js';
import { contentTerms, missingTerms, termOverlap } from './question-terms.js';

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
  /\b(?:not|no|nothing|never|n't|wont|cant|cannot|dont|doesnt|isnt|didnt|aint|unable|error|errors|fail\w*|keeps?|missing|down|broken|blank|black|white|stuck|wrong|empty|frozen|freez\w*|slow|crash\w*|garbled|rejected|refused|denied|locked|lost|disappear\w*|gone|dies|died|problem|issue|help)\b/i;
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
  const terms = contentTerms(question);
  if (intent === QuestionIntent.Concept) return conceptLead(question, top, terms, page) ?? { lead: top, intent };
  const sibling = titledPassage(top, results, terms, intent);
  if (sibling) return { lead: sibling, intent };
  const absent = missingTerms(question);
  if (!describesProblem(question, top.chunk, intent, terms) && !missesOther(absent, top.chunk))
    return (
      titledLead(top, terms, page, intent) ?? troubleshootingLead(top, terms, page, intent) ?? { lead: top, intent }
    );
  const candidates = leadCandidates(page(top.chunk.source), intent, isIntro(top.chunk)).filter(
    (c) => c.anchor !== top.chunk.anchor,
  );
  const scored = candidates.map((chunk) => ({
    chunk,
    score: sectionFit(chunk, { top, terms, results, intent }) + missingFit(absent, chunk),
  }));
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

function describesProblem(question: string, chunk: KbChunk, intent: QuestionIntent, terms: string[]): boolean {
  const role = roleOf(chunk);
  if (intent === QuestionIntent.Concept) return false;
  // A section titled after the question is what was asked for, whatever its text looks like (a page's title is not:
  // the text under it introduces the page).
  if (!isIntro(chunk) && titledAfter(terms, chunk.heading)) return false;
  // "Why does …" asks for the cause (and a cause section often opens with what is seen).
  // A list headed as what is seen ("Symptoms") answers neither why nor what to do.
  if (
    /\bwhy\b/i.test(question) &&
    (role === SectionRole.Cause ||
      (role === SectionRole.Symptoms && headingRole(chunk.heading) !== SectionRole.Symptoms))
  )
    return false;
  if (intent === QuestionIntent.Contact) return role !== SectionRole.Contact;
  // A how-to, a problem or a bare request ("store the files in s3") wants what to do, not whom to tell.
  if (role === SectionRole.Symptoms) return true;
  // Only a section headed as a contact list ("When to open a ticket"), not one that names a number in passing.
  if (role === SectionRole.Contact) return headingRole(chunk.heading) === SectionRole.Contact;
  // A bare request ("new scanner needs to send, what has to match") or a yes/no question ("can I view scans at
  // home?") may be answered by the definition itself.
  if (role === SectionRole.Definition) return intent !== QuestionIntent.Other && !yesNoAsk.test(question.trim());
  if (role === SectionRole.Cause) return intent === QuestionIntent.Troubleshooting;
  // An introduction (text above the first subheading, or headed so) describes the page, not what to do.
  if (introHeading.test(chunk.heading)) return true;
  return role === SectionRole.Overview && isIntro(chunk);
}

/** At least two of the question's words, and half of them, in the heading. */
function titledAfter(terms: string[], heading: string, minimumTerms = 2): boolean {
  const overlap = termOverlap(terms, heading);
  return overlap >= 0.5 && overlap * terms.length >= minimumTerms;
}

const yesNoAsk = /^(?:can|could|may|am|is|are|do|does|should) (?:i|we|you|they|it|he|she|my|our|the|a)\b/i;

/**
 * "What is X" answered by a section that uses X (a setting, a sub-feature) rather than the page's own definition:
 * lead with the definition or introduction when it speaks of the same things at least as much.
 */
function conceptLead(
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

/**
 * The search's own passages of the best page tie on the page's score; one whose heading names more of the question
 * than the best passage's ("Running a C-ECHO" beside "Common DICOM services") is the section that was asked about.
 */
function titledPassage(
  top: SearchResult,
  results: readonly SearchResult[],
  terms: string[],
  intent: QuestionIntent,
): SearchResult | undefined {
  // Words of the page's title name the page, not one of its sections; the heading must name half of the rest.
  const own = sectionTerms(terms, top.chunk.title);
  const count = (heading: string) => Math.round(termOverlap(own, heading) * own.length);
  const topCount = count(top.chunk.heading);
  const needed = Math.max(topCount + 1, Math.ceil(own.length / 2));
  let best: { result: SearchResult; count: number } | undefined;
  for (const result of results) {
    const chunk = result.chunk;
    if (chunk.source !== top.chunk.source || chunk.anchor === top.chunk.anchor || isIntro(chunk)) continue;
    const role = roleOf(chunk);
    if (intent !== QuestionIntent.Other && (role === SectionRole.Symptoms || role === SectionRole.Cause)) continue;
    const n = count(chunk.heading);
    if (n >= needed && n > (best?.count ?? 0)) best = { result, count: n };
  }
  return best?.result;
}

/** The best match's heading says something else is missing than the question does ("report missing" vs "no images"). */
function missesOther(absent: string[], chunk: KbChunk): boolean {
  const said = missingTerms(chunk.headingPath.join('. '));
  return absent.length > 0 && said.length > 0 && !said.some((t) => absent.includes(t));
}

/** A section under a heading that names the same missing thing fits; one that names another thing does not. */
function missingFit(absent: string[], chunk: KbChunk): number {
  if (absent.length === 0) return 0;
  const said = missingTerms(chunk.headingPath.join('. '));
  if (said.length === 0) return 0;
  return said.some((t) => absent.includes(t)) ? 1 : -1;
}

/**
 * A section of the same page titled after the question ("Keeps locking again after a reset" for "account keeps
 * getting locked again after the reset") is a better lead than a neighbour that only shares words in its body.
 */
function titledLead(
  top: SearchResult,
  terms: string[],
  page: (source: string) => KbChunk[],
  intent: QuestionIntent,
): LeadChoice | undefined {
  const topTitle = termOverlap(terms, top.chunk.heading);
  let best: { chunk: KbChunk; overlap: number } | undefined;
  for (const chunk of page(top.chunk.source)) {
    const role = roleOf(chunk);
    if (isIntro(chunk) || role === SectionRole.Symptoms || role === SectionRole.Cause) continue;
    // A subsection's own parent only introduces it.
    if (
      chunk.headingPath.length < top.chunk.headingPath.length &&
      chunk.headingPath.every((h, i) => h === top.chunk.headingPath[i])
    )
      continue;
    const overlap = termOverlap(terms, chunk.heading);
    if (chunk.anchor !== top.chunk.anchor && overlap > (best?.overlap ?? 0)) best = { chunk, overlap };
  }
  if (!best || !titledAfter(terms, best.chunk.heading, 3) || best.overlap < topTitle + 0.25) return undefined;
  return { lead: { chunk: best.chunk, score: top.score }, intent };
}

/**
 * A problem matched a page's general instructions ("Tutorial", "Usage") while the page has its own troubleshooting
 * section about the same thing ("Troubleshooting C-Find queries"): that section is where the way out is.
 */
function troubleshootingLead(
  top: SearchResult,
  terms: string[],
  page: (source: string) => KbChunk[],
  intent: QuestionIntent,
): LeadChoice | undefined {
  if (intent !== QuestionIntent.Troubleshooting || troubleshootingHeading.test(top.chunk.heading)) return undefined;
  const distinctive = sectionTerms(terms, top.chunk.title);
  const section = page(top.chunk.source).find(
    (c) => troubleshootingHeading.test(c.heading) && termOverlap(distinctive, `${c.heading}\n${c.text}`) > 0,
  );
  return section && { lead: { chunk: section, score: top.score }, intent };
}

const troubleshootingHeading = /\btroubleshoot\w*|\b(?:common|known) (?:problems|issues|errors)\b/i;

function isDefinitionLike(chunk: KbChunk): boolean {
  const role = roleOf(chunk);
  return role === SectionRole.Definition || (role === SectionRole.Overview && isIntro(chunk));
}

/**
 * Where a problem's way out can be: the page's action sections. A how-to or a bare request that matched a page's
 * introduction can also be answered by a section that only describes the feature (manuals often do), but never by a
 * symptom list, a cause or the introduction itself.
 */
function leadCandidates(chunks: readonly KbChunk[], intent: QuestionIntent, fromIntro: boolean): KbChunk[] {
  const howTo = intent === QuestionIntent.HowTo || intent === QuestionIntent.Other;
  if (!howTo || !fromIntro) return actionSections(chunks, intent);
  const seen = new Set<string>();
  return chunks.filter((chunk) => {
    if (seen.has(chunk.anchor)) return false;
    seen.add(chunk.anchor);
    const role = roleOf(chunk);
    return isActionRole(role) || (role === SectionRole.Overview && !isIntro(chunk));
  });
}

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
  const { top, results, intent } = ctx;
  const terms = sectionTerms(ctx.terms, top.chunk.title);
  // A section titled after the question is the strongest sign within one page.
  let score = termOverlap(terms, chunk.heading) * 3 + termOverlap(terms, chunk.text);
  const own = results.find((r) => r.chunk.source === chunk.source && r.chunk.anchor === chunk.anchor);
  if (own && top.score > 0) score += (0.6 * own.score) / top.score;
  // The matched text points the reader here ("Go to [Fix it on your PC](#fix-it-on-your-pc)").
  if (chunk.anchor && top.chunk.text.includes(`(#${chunk.anchor})`)) score += 1;
  // A triage section ("First: is it just you?", "Check first") is where a troubleshooting page starts.
  const topRole = roleOf(top.chunk);
  if (
    topRole !== SectionRole.Steps &&
    topRole !== SectionRole.Contact &&
    /\bfirst\b|\bstart here\b|\bquick (?:check|answer|fix)/i.test(chunk.heading)
  )
    score += 0.8;
  if (roleOf(chunk) === SectionRole.Contact && intent !== QuestionIntent.Contact) score -= 0.8;
  if (roleOf(chunk) === SectionRole.Steps) score += 0.2;
  return score;
}

/**
 * Words of the page's title match the page, not one of its sections: they do not tell its sections apart (when the
 * question is all title, the page's structure decides: links, triage, search scores).
 */
function sectionTerms(terms: string[], title: string): string[] {
  return terms.filter((t) => termOverlap([t], title) === 0);
}

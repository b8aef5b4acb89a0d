import type { KbChunk, KnowledgeBase, SearchResponse, SearchResult } from '../kb/types.js';
import { leadCandidates } from './lead-candidates.js';
import { conceptLead } from './lead-concept.js';
import { describesProblem, missesOther, missingFit, sectionFit } from './lead-fit.js';
import { QuestionIntent, readIntent } from './lead-intent.js';
import { titledLead, titledPassage, troubleshootingLead } from './lead-titled.js';
import { isIntro, matchedLine } from './matched-line.js';
import { contentTerms, missingTerms } from './question-terms.js';

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

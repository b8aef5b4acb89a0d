import type { KbChunk, SearchResponse, SearchResult } from '../kb/types.js';
import { distinctBySource, toCitation } from './citations.js';
import { actionSections } from './lead-candidates.js';
import type { LeadChoice } from './lead-section.js';
import { createLinkPolicy, type LinkPolicy } from './link-policy.js';
import { buildGuide } from './troubleshooting-guide.js';
import { type Answer, AnswerMode, type Citation, type TroubleshootingGuide } from './types.js';
import { vetAnswer } from './vet-output.js';

/** The rest of a troubleshooting page after the section the answer leads with, vetted like the answer. */
export function leadGuide(
  choice: LeadChoice,
  page: (source: string) => KbChunk[],
  policy: LinkPolicy,
): TroubleshootingGuide | undefined {
  const lead = choice.lead.chunk;
  return buildGuide(lead, page(lead.source), (md) => vetAnswer(md, { policy, passageCount: 0 }).markdown);
}

/** The action sections of the top pages (best first), for the LLM to answer with the way out, not the symptoms. */
export function topActionSections(results: SearchResult[], page: (source: string) => KbChunk[], pages = 2): KbChunk[] {
  return distinctBySource(results)
    .slice(0, pages)
    .flatMap((r) => actionSections(page(r.chunk.source)).slice(0, 3));
}

/** A page's own link (front matter `url`) is shown only under the same policy as links in the text. */
export function vetCitations(citations: Citation[], policy: LinkPolicy): Citation[] {
  return citations.map(({ url, ...c }) => (url && policy.allowsUrl(url) ? { ...c, url } : c));
}

/** No answer: the nearest pages (three at most, links vetted) for the reader to look at. */
export function abstain(search: SearchResponse, linkAllowlist: readonly string[] = []): Answer {
  const pages = distinctBySource(search.results.filter((r) => !r.chunk.flagged)).slice(0, 3);
  const policy = createLinkPolicy(
    linkAllowlist,
    pages.map((r) => r.chunk),
  );
  const nearest = vetCitations(
    pages.map((r, i) => toCitation(r, i + 1)),
    policy,
  );
  return {
    mode: AnswerMode.Abstain,
    answerable: false,
    markdown: '',
    citations: [],
    nearest,
    confidence: search.confidence,
  };
}

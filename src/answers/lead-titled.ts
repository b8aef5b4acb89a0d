import { roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, type SearchResult, SectionRole } from '../kb/types.js';
import { sectionTerms, titledAfter } from './lead-fit.js';
import { QuestionIntent } from './lead-intent.js';
import type { LeadChoice } from './lead-section.js';
import { isIntro } from './matched-line.js';
import { termOverlap } from './question-terms.js';

/**
 * The search's own passages of the best page tie on the page's score; one whose heading names more of the question
 * than the best passage's ("Running a C-ECHO" beside "Common DICOM services") is the section that was asked about.
 */
export function titledPassage(
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

/**
 * A section of the same page titled after the question ("Keeps locking again after a reset" for "account keeps
 * getting locked again after the reset") is a better lead than a neighbour that only shares words in its body.
 */
export function titledLead(
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
export function troubleshootingLead(
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

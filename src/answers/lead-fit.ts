import { headingRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, type SearchResult, SectionRole } from '../kb/types.js';
import { QuestionIntent } from './lead-intent.js';
import { introHeading, isIntro } from './matched-line.js';
import { missingTerms, termOverlap } from './question-terms.js';

/** The best match only describes the problem (a symptom list, a cause, a definition, the page's introduction). */
export function describesProblem(question: string, chunk: KbChunk, intent: QuestionIntent, terms: string[]): boolean {
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
export function titledAfter(terms: string[], heading: string, minimumTerms = 2): boolean {
  const overlap = termOverlap(terms, heading);
  return overlap >= 0.5 && overlap * terms.length >= minimumTerms;
}

const yesNoAsk = /^(?:can|could|may|am|is|are|do|does|should) (?:i|we|you|they|it|he|she|my|our|the|a)\b/i;

/** The best match's heading says something else is missing than the question does ("report missing" vs "no images"). */
export function missesOther(absent: string[], chunk: KbChunk): boolean {
  const said = missingTerms(chunk.headingPath.join('. '));
  return absent.length > 0 && said.length > 0 && !said.some((t) => absent.includes(t));
}

/** A section under a heading that names the same missing thing fits; one that names another thing does not. */
export function missingFit(absent: string[], chunk: KbChunk): number {
  if (absent.length === 0) return 0;
  const said = missingTerms(chunk.headingPath.join('. '));
  if (said.length === 0) return 0;
  return said.some((t) => absent.includes(t)) ? 1 : -1;
}

export function sectionFit(
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
export function sectionTerms(terms: string[], title: string): string[] {
  return terms.filter((t) => termOverlap([t], title) === 0);
}

import { isActionRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, SectionRole } from '../kb/types.js';
import { trimSection } from './trim-section.js';
import type { TroubleshootingGuide } from './types.js';

const troubleshootingWords =
  /\b(?:troubleshoot\w*|problems?|issues?|errors?|fail\w*|not (?:working|displaying|showing|loading|opening)|missing|locked|broken|down(?:time)?|won't|cannot|can't)\b/i;

/**
 * A page that walks problems: it lists symptoms, its tags or title say it is about problems, or several of its
 * headings name one ("VPN will not connect", "Images are slow at home").
 */
export function isTroubleshootingPage(chunks: readonly KbChunk[]): boolean {
  const first = chunks[0];
  if (!first) return false;
  if (chunks.some((c) => roleOf(c) === SectionRole.Symptoms)) return true;
  if (first.tags.some((t) => /troubleshoot/i.test(t)) || troubleshootingWords.test(first.title)) return true;
  return problemHeadings(chunks) >= 2;
}

function problemHeadings(chunks: readonly KbChunk[]): number {
  return new Set(chunks.map((c) => c.heading).filter((h) => problemHeading.test(h))).size;
}

function isBelow(chunk: KbChunk, parent: KbChunk): boolean {
  return (
    chunk.headingPath.length > parent.headingPath.length &&
    parent.headingPath.every((h, i) => chunk.headingPath[i] === h)
  );
}

const problemHeading =
  /\b(?:will not|won't|does not|doesn't|cannot|can't|not (?:working|loading|showing|connecting|opening)|slow|blank|black|frozen|fails?|errors?|missing|stuck|locked)\b/i;

/**
 * The way out of a troubleshooting page after the section an answer led with: its remaining action sections, in
 * page order, each trimmed like the answer and passed through `vet` (the answer's link policy). Undefined when the
 * page is not a troubleshooting page or `lead` is not on it.
 *
 * @example buildGuide(lead, kb.page(lead.source), (md) => vetAnswer(md, ctx).markdown)?.remaining[0]?.heading
 */
export function buildGuide(
  lead: KbChunk,
  pageChunks: readonly KbChunk[],
  vet: (markdown: string) => string,
): TroubleshootingGuide | undefined {
  const at = pageChunks.findIndex((c) => c.anchor === lead.anchor);
  if (at < 0 || !isTroubleshootingPage(pageChunks)) return undefined;
  const sections = new Map<string, KbChunk>();
  // On a page of several problems, a lead that is one of them ("VPN will not connect") is walked through its own
  // subsections only: the page's other problems are not next steps for this one.
  const ownBranchOnly = problemHeading.test(lead.heading) && problemHeadings(pageChunks) >= 2;
  for (const chunk of pageChunks.slice(at)) {
    if (chunk.anchor === lead.anchor || chunk.flagged) continue;
    if (ownBranchOnly && !isBelow(chunk, lead)) continue;
    // "When to open a ticket" ends the walk as the ticket button, not as a step.
    if (!isActionRole(roleOf(chunk)) || /\bticket\b/i.test(chunk.heading)) continue;
    // A long section's first part: the trimmed text never reaches the second.
    if (!sections.has(chunk.anchor)) sections.set(chunk.anchor, chunk);
  }
  const remaining = [...sections.values()].flatMap((chunk) => {
    const markdown = vet(trimSection(chunk.text)).trim();
    return markdown ? [{ source: chunk.source, anchor: chunk.anchor, heading: chunk.heading, markdown }] : [];
  });
  return { source: lead.source, title: lead.title, shown: lead.heading, remaining };
}

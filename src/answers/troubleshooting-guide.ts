import { isActionRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, SectionRole } from '../kb/types.js';
import { trimSection } from './trim-section.js';
import type { TroubleshootingGuide } from './types.js';

const troubleshootingWords =
  /\b(?:troubleshoot\w*|problems?|issues?|errors?|fail\w*|not (?:working|displaying|showing|loading|opening)|missing|locked|broken|down(?:time)?|won't|cannot|can't)\b/i;

/** A page that walks a problem: it lists symptoms, or its tags or title say it is about problems. */
export function isTroubleshootingPage(chunks: readonly KbChunk[]): boolean {
  const first = chunks[0];
  if (!first) return false;
  if (chunks.some((c) => roleOf(c) === SectionRole.Symptoms)) return true;
  return first.tags.some((t) => /troubleshoot/i.test(t)) || troubleshootingWords.test(first.title);
}

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
  for (const chunk of pageChunks.slice(at)) {
    if (chunk.anchor === lead.anchor || chunk.flagged) continue;
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

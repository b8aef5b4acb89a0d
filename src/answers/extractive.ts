import type { SearchResult } from '../kb/types.js';
import { distinctBySource, toCitation } from './citations.js';
import type { LeadChoice } from './lead-section.js';
import { trimSection } from './trim-section.js';
import type { Citation } from './types.js';

/**
 * The answer without an LLM: the section the answer leads with (see `chooseLead`), trimmed for a phone, cited as
 * [1]; when that is not the best match itself, its heading comes first and one line says why the page matched.
 * Plus a pointer to a second page when it scores close to the first.
 */
export function buildExtractiveAnswer(
  results: SearchResult[],
  choice?: LeadChoice,
): { markdown: string; citations: Citation[] } {
  const pages = distinctBySource(results);
  const lead = choice?.lead ?? pages[0];
  if (!lead) return { markdown: '', citations: [] };
  const citations = [toCitation(lead, 1)];
  const body = trimSection(lead.chunk.text);
  // Text after a closing fence reopens nothing but unmakes the fence; after a table row it becomes a cell.
  let markdown = /(?:```|~~~|\|)$/.test(body) ? `${body}\n\n[1]` : `${body} [1]`;
  // A table right under a line of text would read that line as its header row: a blank line keeps them apart.
  const gap = markdown.startsWith('|') ? '\n\n' : '\n';
  if (choice?.matched) markdown = `**${lead.chunk.heading}**${gap}${markdown}\n\n${choice.matched.why}`;
  const top = pages[0] ?? lead;
  const second = pages.find((r) => r.chunk.source !== lead.chunk.source);
  if (second && second.score >= top.score * 0.8) {
    citations.push(toCitation(second, 2));
    const label = second.chunk.heading ? `${second.chunk.title} › ${second.chunk.heading}` : second.chunk.title;
    markdown += `\n\nSee also: *${label}* [2]`;
  }
  return { markdown, citations };
}

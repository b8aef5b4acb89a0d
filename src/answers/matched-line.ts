import { headingRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, SectionRole } from '../kb/types.js';
import { termOverlap } from './question-terms.js';

/** Headings that introduce a page rather than name one of its problems or tasks. */
export const introHeading = /^(?:overview|introduction|about|background|summary|general)\b/i;

/** Text above a page's first subheading, or a section headed as an introduction. */
export function isIntro(chunk: KbChunk): boolean {
  return chunk.headingPath.length <= 1 || introHeading.test(chunk.heading);
}

/** One short line saying why the page matched: the symptom line closest to the question, else the matched heading. */
export function matchedLine(chunk: KbChunk, terms: string[]): string {
  let best = '';
  let bestOverlap = 0;
  const lines = chunk.text.split('\n');
  const generic = isIntro(chunk) || headingRole(chunk.heading) === SectionRole.Contact;
  for (const [i, raw] of lines.entries()) {
    // A table's header row names columns, not what the user sees.
    if (/^\s*\|?\s*:?-{3,}/.test(raw) || /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) continue;
    // Out of a section that is not a symptom list, only a whole list item reads as a quote (not a wrapped line).
    if (generic && !(/^\s*(?:[-*+]|\d+[.)])\s/.test(raw) && !/^\s+\S/.test(lines[i + 1] ?? ''))) continue;
    const line = plain(raw);
    if (line.length < 8) continue;
    const overlap = termOverlap(terms, line);
    if (overlap > bestOverlap) {
      best = line;
      bestOverlap = overlap;
    }
  }
  // A symptom list is quoted by its line; so is a section whose heading says nothing of the problem ("When to open a
  // ticket", a page's introduction) when a line shares enough of the question; any other section by its heading.
  const quoteLine = roleOf(chunk) === SectionRole.Symptoms ? bestOverlap > 0 : generic && bestOverlap >= 0.34;
  const text = quoteLine ? best : plain(generic || !chunk.heading ? chunk.title : chunk.heading);
  return `_Matched: “${text.length > 90 ? `${text.slice(0, 88).replace(/\s+\S*$/, '')}…` : text}”_`;
}

function plain(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+[.)]|>)\s+/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*\|\s*|\s*\|\s*$/g, '')
    .replace(/\s*\|\s*/g, ' — ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

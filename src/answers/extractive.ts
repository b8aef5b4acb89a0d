import type { SearchResult } from '../kb/types.js';
import { distinctBySource, toCitation } from './citations.js';
import type { Citation } from './types.js';

const maxExcerptChars = 900;

/**
 * The answer without an LLM: the best passage, trimmed at a paragraph or sentence boundary, cited as [1],
 * plus a pointer to a second page when it scores close to the first.
 */
export function buildExtractiveAnswer(results: SearchResult[]): { markdown: string; citations: Citation[] } {
  const pages = distinctBySource(results);
  const top = pages[0];
  if (!top) return { markdown: '', citations: [] };
  const citations = [toCitation(top, 1)];
  let markdown = `${trimPassage(top.chunk.text)} [1]`;
  const second = pages[1];
  if (second && second.score >= top.score * 0.8) {
    citations.push(toCitation(second, 2));
    const label = second.chunk.heading ? `${second.chunk.title} › ${second.chunk.heading}` : second.chunk.title;
    markdown += `\n\nSee also: *${label}* [2]`;
  }
  return { markdown, citations };
}

/** Drops heading lines and HTML comments, keeps whole paragraphs up to the limit, ends on a sentence. */
export function trimPassage(text: string, limit = maxExcerptChars): string {
  const paragraphs = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p && !/^#{1,6}\s/.test(p) && !/^>\s*\*\*Template\*\*/.test(p));
  let out = '';
  for (const paragraph of paragraphs) {
    const next = out ? `${out}\n\n${paragraph}` : paragraph;
    if (next.length <= limit) {
      out = next;
      continue;
    }
    if (!out) out = cutAtSentence(paragraph, limit);
    else if (!/[.!?:]$/.test(out)) out += '…';
    return out;
  }
  return out;
}

function cutAtSentence(paragraph: string, limit: number): string {
  if (/^```/.test(paragraph)) return `${paragraph.slice(0, limit).replace(/\n[^\n]*$/, '')}\n\`\`\``;
  const slice = paragraph.slice(0, limit);
  const end = Math.max(
    slice.lastIndexOf('. '),
    slice.lastIndexOf('.\n'),
    slice.lastIndexOf('! '),
    slice.lastIndexOf('? '),
  );
  if (end > limit / 3) return slice.slice(0, end + 1);
  return `${slice.replace(/\s+\S*$/, '')}…`;
}

import { redactPhi, withoutPhi } from '../../core/phi-redact.js';

/** A KB answer drafted from a ticket: what the modal edits and the draft file stores. */
export interface DraftArticle {
  title: string;
  question: string;
  answer: string;
  tags: string[];
}

export const draftLimits = { title: 120, question: 1000, answer: 2900, tags: 10 } as const;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Comma- or space-separated tags, lower-case, letters, digits and dashes only. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,\s]+/)
    .map((tag) => tag.toLowerCase().replace(/[^a-z0-9-]/g, ''))
    .filter((tag) => tag !== '');
  return [...new Set(tags)].slice(0, draftLimits.tags);
}

/** Every field redacted of patient identifiers and cut to its limit: applied when built and again when saved. */
export function redactDraft(article: DraftArticle): DraftArticle {
  return {
    // A title (and the file name made from it) reads better without placeholders than with them.
    title: cut(oneLine(withoutPhi(article.title)).replace(/^[^\p{L}\p{N}]+/u, ''), draftLimits.title),
    question: cut(redactPhi(article.question).trim(), draftLimits.question),
    answer: cut(redactPhi(article.answer).trim(), draftLimits.answer),
    tags: parseTags(redactPhi(article.tags.join(','))),
  };
}

/**
 * The first draft from a ticket and the text that answered it (a reply in the card's thread, or the
 * resolution note): title from the summary, question from summary and description, a tag from the category.
 */
export function draftFromTicket(
  ticket: { summary: string; description: string; category: string },
  answer: string,
): DraftArticle {
  const summary = oneLine(ticket.summary);
  const description = ticket.description.trim();
  const question = description && oneLine(description) !== summary ? `${summary}\n\n${description}` : summary;
  return redactDraft({
    title: summary,
    question,
    answer,
    tags: [ticket.category.replace(/_/g, '-')],
  });
}

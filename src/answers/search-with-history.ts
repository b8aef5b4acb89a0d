import type { KnowledgeBase, PageScope } from '../kb/types.js';
import type { RedactedQuestion } from './redact-question.js';

/**
 * A follow-up such as "and on the mobile app?" means little alone: search it together with the previous
 * question too, and keep whichever reading the retriever is surer of.
 */
export async function searchWithHistory(
  kb: KnowledgeBase,
  redacted: RedactedQuestion,
  limit: number,
  scope?: PageScope,
) {
  const options = { limit, ...(scope ? { scope } : {}) };
  const alone = await kb.search(redacted.searchText, options);
  if (!redacted.previousSearchText) return alone;
  const combined = await kb.search(`${redacted.previousSearchText}\n${redacted.searchText}`, options);
  if (alone.answerable && alone.confidence >= combined.confidence) return alone;
  return combined.answerable || !alone.answerable ? combined : alone;
}

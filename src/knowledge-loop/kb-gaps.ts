import { redactPhi, stripPlaceholders } from '../core/phi-redact.js';
import { GapReason, type GapRow, type LoopQueries, type TimeRange } from '../feedback/loop-queries.js';
import type { QuestionSource } from '../feedback/question-log.js';
import type { KnowledgeBase } from '../kb/types.js';
import { groupQuestions, topicLabel } from './group-questions.js';
import { isoRange } from './time-range.js';

/** One topic the knowledge base does not cover well (the `kb gaps --json` contract). */
export interface KbGap {
  topic: string;
  /** Distinct questions, redacted of patient identifiers, oldest first. */
  questions: string[];
  /** Questions in the group (an abstention that was also 👎'd counts once). */
  count: number;
  channels: string[];
  reasons: { abstained: number; thumbsDown: number };
  nearest: QuestionSource[];
}

interface Entry {
  question: string;
  at: string;
  channels: Set<string>;
  reasons: Set<GapReason>;
  sources: QuestionSource[];
}

const maxQuestions = 20;

/** Redacted again on the way out: rows written before a redactor fix, or by hand, must not leak. Fail closed. */
function safe(question: string, redact: (text: string) => string): string | undefined {
  try {
    const text = redact(question).replace(/\s+/g, ' ').trim();
    return text || undefined;
  } catch {
    return undefined;
  }
}

function entries(rows: GapRow[], redact: (text: string) => string): Entry[] {
  const byAnswer = new Map<string, Entry>();
  for (const row of rows) {
    const question = safe(row.question, redact);
    if (!question) continue;
    const entry = byAnswer.get(row.answerId) ?? {
      question,
      at: row.at,
      channels: new Set<string>(),
      reasons: new Set<GapReason>(),
      sources: row.sources,
    };
    if (row.channel) entry.channels.add(row.channel);
    entry.reasons.add(row.reason);
    if (row.at < entry.at) entry.at = row.at;
    byAnswer.set(row.answerId, entry);
  }
  return [...byAnswer.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/** Pages ranked by reciprocal rank summed over the lists; the top `limit`. */
function topPages(lists: QuestionSource[][], limit = 3): QuestionSource[] {
  const scores = new Map<string, { page: QuestionSource; score: number }>();
  for (const list of lists)
    list.forEach((page, rank) => {
      const key = `${page.source}#${page.heading}`;
      const entry = scores.get(key) ?? { page: { source: page.source, heading: page.heading }, score: 0 };
      entry.score += 1 / (rank + 1);
      scores.set(key, entry);
    });
  return [...scores.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((e) => e.page);
}

async function nearestPages(questions: string[], group: Entry[], kb?: Pick<KnowledgeBase, 'search'>) {
  if (!kb) return topPages(group.map((e) => e.sources));
  const lists: QuestionSource[][] = [];
  for (const question of questions.slice(0, 5)) {
    const response = await kb.search(stripPlaceholders(question) || question, { limit: 3 });
    lists.push(response.results.map((r) => ({ source: r.chunk.source, heading: r.chunk.heading })));
  }
  return topPages(lists);
}

/**
 * Questions the bot abstained on and answers marked 👎 in `range`, grouped by topic, biggest group first.
 * With `kb`, the nearest pages are searched now (new pages count); without, they are the pages recorded with
 * the questions.
 *
 * @example
 * const gaps = await kbGaps({ queries: createLoopQueries(database), kb }, rangeSince('2026-11-01', Date.now()));
 */
export async function kbGaps(
  from: { queries: Pick<LoopQueries, 'gapRows'>; kb?: Pick<KnowledgeBase, 'search'> },
  range: TimeRange | { since: Date; until: Date },
  options: { redact?: (text: string) => string } = {},
): Promise<KbGap[]> {
  const all = entries(await from.queries.gapRows(isoRange(range)), options.redact ?? redactPhi);
  const gaps: KbGap[] = [];
  for (const group of groupQuestions(all, (e) => e.question)) {
    const questions = [...new Set(group.map((e) => e.question))].slice(0, maxQuestions);
    gaps.push({
      topic: topicLabel(questions),
      questions,
      count: group.length,
      channels: [...new Set(group.flatMap((e) => [...e.channels]))].sort(),
      reasons: {
        abstained: group.filter((e) => e.reasons.has(GapReason.Abstained)).length,
        thumbsDown: group.filter((e) => e.reasons.has(GapReason.ThumbsDown)).length,
      },
      nearest: await nearestPages(questions, group, from.kb),
    });
  }
  return gaps.sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic));
}

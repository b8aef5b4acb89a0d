import type { AppDatabase } from '../db/create-database.js';
import { createLoopQueries } from '../feedback/loop-queries.js';
import type { KnowledgeBase } from '../kb/types.js';
import { deflectionSummary } from '../knowledge-loop/deflection.js';
import { kbGaps } from '../knowledge-loop/kb-gaps.js';
import type { WeeklySources } from './weekly-report.js';

/**
 * The weekly report's knowledge-loop parts from the question log and the feedback: deflection (only the three
 * contract fields) and KB gaps (with `kb`, the nearest pages are searched now; without, the recorded ones).
 */
export function loopSources(
  database: AppDatabase,
  kb?: Pick<KnowledgeBase, 'search'>,
): Pick<WeeklySources, 'deflection' | 'gaps'> {
  const queries = createLoopQueries(database);
  return {
    deflection: async (period) => {
      const d = await deflectionSummary(database, period);
      return { questions: d.questions, answeredNoTicket: d.answeredNoTicket, ticketsFromAnswers: d.ticketsFromAnswers };
    },
    gaps: async (period) => (await kbGaps({ queries, ...(kb ? { kb } : {}) }, period)).map((gap) => ({ ...gap })),
  };
}

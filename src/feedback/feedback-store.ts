import { sql } from 'kysely';
import { type Clock, systemClock } from '../core/clock.js';
import type { AppDatabase } from '../db/create-database.js';
import { createQuestionLog } from './question-log.js';

export interface FeedbackInput {
  answerId: string;
  userId: string;
  rating: 'up' | 'down';
  reason?: string;
  /** Already redacted of patient identifiers by the caller. */
  question: string;
  sources: string[];
  mode: string;
}

export interface FeedbackRecord extends FeedbackInput {
  createdAt: string;
  /** Set when the person said a troubleshooting step fixed it: which step, e.g. `step 2 of 4 "Clear the cache" (…)`. */
  resolution?: string;
}

/** "That fixed it" on a troubleshooting step: the strongest 👍, with the step that did it. */
export interface ResolutionInput extends Omit<FeedbackInput, 'rating' | 'reason'> {
  step: number;
  total: number;
  heading: string;
  /** `source#anchor` of the section that fixed it. */
  cite: string;
}

// A resolution is a 👍 whose reason says which step fixed it; 👎 reasons start with a category, never this.
const resolvedPrefix = 'resolved: ';

export function resolutionReason(r: Pick<ResolutionInput, 'step' | 'total' | 'heading' | 'cite'>): string {
  return `${resolvedPrefix}step ${r.step} of ${r.total} "${r.heading.slice(0, 200)}" (${r.cite.slice(0, 300)})`;
}

/**
 * 👍/👎 on answers, one row per answer and user (a second click changes the vote), for the KB owners.
 * `now` stamps `createdAt`; default `systemClock`.
 */
export function createFeedbackStore(database: AppDatabase, now: Clock = systemClock) {
  const { db } = database;
  async function record(input: FeedbackInput): Promise<void> {
    const row = {
      answer_id: input.answerId,
      user_id: input.userId,
      rating: input.rating,
      reason: input.reason ?? null,
      question: input.question,
      sources: JSON.stringify(input.sources),
      mode: input.mode,
      created_at: new Date(now()).toISOString(),
    };
    await db
      .insertInto('answer_feedback')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['answer_id', 'user_id']).doUpdateSet({
          rating: input.rating,
          reason: input.reason === undefined ? sql`answer_feedback.reason` : (input.reason ?? null),
        }),
      )
      .execute();
  }

  return {
    record,

    /** Every question answered or abstained on, with channel and time (KB gaps, deflection). */
    questions: createQuestionLog(database, now),

    /** Records that a step fixed the problem; a later 👍 keeps it, another step's "That fixed it" replaces it. */
    async recordResolution(input: ResolutionInput): Promise<void> {
      const { step, total, heading, cite, ...rest } = input;
      await record({ ...rest, rating: 'up', reason: resolutionReason({ step, total, heading, cite }) });
    },

    async list(options: { rating?: 'up' | 'down'; limit?: number } = {}): Promise<FeedbackRecord[]> {
      let query = db
        .selectFrom('answer_feedback')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(options.limit ?? 500);
      if (options.rating) query = query.where('rating', '=', options.rating);
      const rows = await query.execute();
      return rows.map((r) => ({
        answerId: r.answer_id,
        userId: r.user_id,
        rating: r.rating,
        reason: r.reason ?? undefined,
        question: r.question,
        sources: JSON.parse(r.sources) as string[],
        mode: r.mode,
        createdAt: r.created_at,
        ...(r.rating === 'up' && r.reason?.startsWith(resolvedPrefix)
          ? { resolution: r.reason.slice(resolvedPrefix.length) }
          : {}),
      }));
    },
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;

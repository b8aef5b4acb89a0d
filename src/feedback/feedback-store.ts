import { sql } from 'kysely';
import type { AppDatabase } from '../db/create-database.js';

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
}

/** 👍/👎 on answers, one row per answer and user (a second click changes the vote), for the KB owners. */
export function createFeedbackStore({ db }: AppDatabase) {
  return {
    async record(input: FeedbackInput): Promise<void> {
      const row = {
        answer_id: input.answerId,
        user_id: input.userId,
        rating: input.rating,
        reason: input.reason ?? null,
        question: input.question,
        sources: JSON.stringify(input.sources),
        mode: input.mode,
        created_at: new Date().toISOString(),
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
      }));
    },
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;

import type { Generated, Kysely } from 'kysely';
import { type Clock, systemClock } from '../core/clock.js';
import { redactPhi } from '../core/phi-redact.js';
import type { AppDatabase } from '../db/create-database.js';
import type { DatabaseSchema } from '../db/schema.js';

export const QuestionOutcome = { Answered: 'answered', Abstained: 'abstained' } as const;
export type QuestionOutcome = (typeof QuestionOutcome)[keyof typeof QuestionOutcome];

/** A page an answer cited, or one of the nearest pages when the bot abstained. */
export interface QuestionSource {
  source: string;
  heading: string;
}

export interface QuestionInput {
  /** The id the answer's feedback buttons carry (`answer_feedback.answer_id`). */
  answerId: string;
  channel?: string;
  /** The thread the answer went to: a ticket opened from the answer carries it as its source. */
  threadTs?: string;
  /** Slack user id of the asker. */
  userId: string;
  /** As asked: patient identifiers are redacted here, before anything is stored. */
  question: string;
  outcome: QuestionOutcome;
  mode: string;
  sources: QuestionSource[];
}

export interface QuestionRecord extends QuestionInput {
  /** ISO time the answer was given. */
  askedAt: string;
}

export interface QuestionLogTable {
  id: Generated<number>;
  answer_id: string;
  asked_at: string;
  channel: string | null;
  thread_ts: string | null;
  user_id: string;
  question: string;
  outcome: QuestionOutcome;
  mode: string;
  sources: string;
}

/** The database with the question log's table (migration 008). */
export type QuestionLogDb = Kysely<DatabaseSchema & { question_log: QuestionLogTable }>;

export function questionLogDb(database: AppDatabase): QuestionLogDb {
  return database.db.withTables<{ question_log: QuestionLogTable }>();
}

/** The question as stored: redacted, or empty when the redactor fails (fail closed). */
function storedQuestion(question: string): string {
  try {
    return redactPhi(question.slice(0, 4000)).slice(0, 2000);
  } catch {
    return '';
  }
}

/**
 * Every question the bot answered or abstained on, with where and when, for KB gaps and deflection.
 * The text is redacted of patient identifiers; the asker is a Slack id only.
 */
export function createQuestionLog(database: AppDatabase, now: Clock = systemClock) {
  const db = questionLogDb(database);
  return {
    async record(input: QuestionInput): Promise<void> {
      await db
        .insertInto('question_log')
        .values({
          answer_id: input.answerId,
          asked_at: new Date(now()).toISOString(),
          channel: input.channel ?? null,
          thread_ts: input.threadTs ?? null,
          user_id: input.userId,
          question: storedQuestion(input.question),
          outcome: input.outcome,
          mode: input.mode.slice(0, 16),
          sources: JSON.stringify(input.sources.slice(0, 5)),
        })
        .onConflict((oc) => oc.column('answer_id').doNothing())
        .execute();
    },

    /** Questions asked in `[since, until)`, oldest first (ISO times). */
    async list(range: { since: string; until?: string }): Promise<QuestionRecord[]> {
      let query = db.selectFrom('question_log').selectAll().where('asked_at', '>=', range.since);
      if (range.until) query = query.where('asked_at', '<', range.until);
      const rows = await query.orderBy('asked_at').orderBy('id').execute();
      return rows.map((r) => ({
        answerId: r.answer_id,
        askedAt: r.asked_at,
        ...(r.channel ? { channel: r.channel } : {}),
        ...(r.thread_ts ? { threadTs: r.thread_ts } : {}),
        userId: r.user_id,
        question: r.question,
        outcome: r.outcome,
        mode: r.mode,
        sources: JSON.parse(r.sources) as QuestionSource[],
      }));
    },
  };
}

export type QuestionLog = ReturnType<typeof createQuestionLog>;

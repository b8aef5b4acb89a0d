import type { AppDatabase } from '../db/create-database.js';
import { type QuestionRecord, type QuestionSource, questionLogDb } from './question-log.js';

/** An ISO time range, `since` inclusive, `until` exclusive. */
export interface TimeRange {
  since: string;
  until: string;
}

export const GapReason = { Abstained: 'abstained', ThumbsDown: 'thumbsDown' } as const;
export type GapReason = (typeof GapReason)[keyof typeof GapReason];

/** One question the KB did not serve: the bot abstained, or someone marked its answer 👎. Text already redacted. */
export interface GapRow {
  answerId: string;
  question: string;
  channel?: string;
  at: string;
  reason: GapReason;
  /** The nearest pages when the bot abstained, or the pages the 👎'd answer cited. */
  sources: QuestionSource[];
}

export interface VoteRow {
  answerId: string;
  rating: 'up' | 'down';
  /** A 👍 given by "That fixed it" on a troubleshooting step. */
  resolved: boolean;
  at: string;
  channel?: string;
}

export interface TicketOriginRow {
  key: string;
  requesterId: string;
  createdAt: string;
  sourceChannel?: string;
  sourceTs?: string;
}

const dayMs = 24 * 60 * 60 * 1000;
const resolvedPrefix = 'resolved: ';

/** Read side of the knowledge loop over the question log, answer feedback and tickets. */
export function createLoopQueries(database: AppDatabase) {
  const db = questionLogDb(database);
  return {
    /** Abstentions asked and 👎 votes cast in the range. */
    async gapRows(range: TimeRange): Promise<GapRow[]> {
      const abstained = await db
        .selectFrom('question_log')
        .select(['answer_id', 'question', 'channel', 'asked_at', 'sources'])
        .where('outcome', '=', 'abstained')
        .where('asked_at', '>=', range.since)
        .where('asked_at', '<', range.until)
        .execute();
      const downVotes = await db
        .selectFrom('answer_feedback as f')
        .leftJoin('question_log as q', 'q.answer_id', 'f.answer_id')
        .select(['f.answer_id', 'f.question', 'f.created_at', 'f.sources', 'q.channel', 'q.sources as logged'])
        .where('f.rating', '=', 'down')
        .where('f.created_at', '>=', range.since)
        .where('f.created_at', '<', range.until)
        .execute();
      return [
        ...abstained.map((r) => ({
          answerId: r.answer_id,
          question: r.question,
          ...(r.channel ? { channel: r.channel } : {}),
          at: r.asked_at,
          reason: GapReason.Abstained,
          sources: JSON.parse(r.sources) as QuestionSource[],
        })),
        ...downVotes.map((r) => ({
          answerId: r.answer_id,
          question: r.question,
          ...(r.channel ? { channel: r.channel } : {}),
          at: r.created_at,
          reason: GapReason.ThumbsDown,
          sources: r.logged
            ? (JSON.parse(r.logged) as QuestionSource[])
            : (JSON.parse(r.sources) as string[]).map((source) => ({ source, heading: '' })),
        })),
      ];
    },

    /** Votes cast in the range, with the channel of the question they were cast on (when it was logged). */
    async votes(range: TimeRange): Promise<VoteRow[]> {
      const rows = await db
        .selectFrom('answer_feedback as f')
        .leftJoin('question_log as q', 'q.answer_id', 'f.answer_id')
        .select(['f.answer_id', 'f.rating', 'f.reason', 'f.created_at', 'q.channel'])
        .where('f.created_at', '>=', range.since)
        .where('f.created_at', '<', range.until)
        .execute();
      return rows.map((r) => ({
        answerId: r.answer_id,
        rating: r.rating,
        resolved: r.rating === 'up' && Boolean(r.reason?.startsWith(resolvedPrefix)),
        at: r.created_at,
        ...(r.channel ? { channel: r.channel } : {}),
      }));
    },

    /** Tickets opened from the start of the range until a day after its end (a question's "within a day"). */
    async tickets(range: TimeRange): Promise<TicketOriginRow[]> {
      const until = new Date(Date.parse(range.until) + dayMs).toISOString();
      const rows = await database.db
        .selectFrom('tickets')
        .select(['key', 'requester_id', 'created_at', 'source_channel', 'source_ts'])
        .where('created_at', '>=', range.since)
        .where('created_at', '<', until)
        .execute();
      return rows.map((r) => ({
        key: r.key,
        requesterId: r.requester_id,
        createdAt: r.created_at,
        ...(r.source_channel ? { sourceChannel: r.source_channel } : {}),
        ...(r.source_ts ? { sourceTs: r.source_ts } : {}),
      }));
    },
  };
}

export type LoopQueries = ReturnType<typeof createLoopQueries>;
export type { QuestionRecord };

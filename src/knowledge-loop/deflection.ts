import type { AppDatabase } from '../db/create-database.js';
import { createLoopQueries, type LoopQueries, type TimeRange } from '../feedback/loop-queries.js';
import { createQuestionLog, type QuestionRecord } from '../feedback/question-log.js';
import { isoRange, isoWeek } from './time-range.js';

/** Counts for one slice (a channel, a week, or everything). */
export interface DeflectionCounts {
  /** Every question the bot got, answered or not. */
  questions: number;
  answered: number;
  /** Answered, and the asker opened no ticket in the day after. */
  answeredNoTicket: number;
  /** Tickets opened from an answer's thread ("Open a ticket" under it, or at the end of its guide). */
  ticketsFromAnswers: number;
  /** Votes cast in the range; "That fixed it" counts as a 👍 and as a guided resolution. */
  thumbsUp: number;
  thumbsDown: number;
  guidedResolutions: number;
}

export interface DeflectionSummary extends DeflectionCounts {
  since: string;
  until: string;
  /** Biggest first; `unknown` holds votes on answers given before the question log existed. */
  byChannel: (DeflectionCounts & { channel: string })[];
  /** ISO weeks (`2026-W49`), oldest first; questions by when asked, votes by when cast. */
  byWeek: (DeflectionCounts & { week: string })[];
}

const dayMs = 24 * 60 * 60 * 1000;
const unknownChannel = 'unknown';

const zero = (): DeflectionCounts => ({
  questions: 0,
  answered: 0,
  answeredNoTicket: 0,
  ticketsFromAnswers: 0,
  thumbsUp: 0,
  thumbsDown: 0,
  guidedResolutions: 0,
});

type LoopTicket = Awaited<ReturnType<LoopQueries['tickets']>>[number];

/** The tickets indexed two ways, so each question costs two lookups rather than two scans of every ticket. */
function indexTickets(tickets: readonly LoopTicket[]) {
  const byThread = new Map<string, LoopTicket[]>();
  const openedBy = new Map<string, number[]>();
  for (const t of tickets) {
    if (t.sourceChannel && t.sourceTs) {
      const key = `${t.sourceChannel} ${t.sourceTs}`;
      const list = byThread.get(key) ?? [];
      list.push(t);
      byThread.set(key, list);
    }
    const opened = openedBy.get(t.requesterId) ?? [];
    opened.push(Date.parse(t.createdAt));
    openedBy.set(t.requesterId, opened);
  }
  return {
    fromThread: (q: QuestionRecord) =>
      q.channel && q.threadTs ? (byThread.get(`${q.channel} ${q.threadTs}`) ?? []) : [],
    /** Whether the asker opened a ticket in the day after asking. */
    withinADay: (q: QuestionRecord) => {
      const asked = Date.parse(q.askedAt);
      return (openedBy.get(q.userId) ?? []).some((opened) => opened >= asked && opened - asked <= dayMs);
    },
  };
}

/**
 * How much the knowledge base deflects, per channel and per ISO week: questions, answers that needed no ticket
 * within a day, tickets opened from answers, 👍/👎 and guided resolutions. Takes ISO strings or Dates (the weekly
 * report's `Period`); `until` defaults to now. Questions asked in the last day may still get their ticket.
 */
export async function deflectionSummary(
  database: AppDatabase,
  range: { since: string | Date; until?: string | Date },
): Promise<DeflectionSummary> {
  const full: TimeRange = isoRange(range);
  const queries = createLoopQueries(database);
  const { list } = createQuestionLog(database);
  const [questions, votes, tickets] = await Promise.all([list(full), queries.votes(full), queries.tickets(full)]);
  const total = zero();
  const channels = new Map<string, DeflectionCounts>();
  const weeks = new Map<string, DeflectionCounts>();
  const slices = (channel: string | undefined, at: string) => {
    const c = channel ?? unknownChannel;
    const w = isoWeek(at);
    if (!channels.has(c)) channels.set(c, zero());
    if (!weeks.has(w)) weeks.set(w, zero());
    return [total, channels.get(c) as DeflectionCounts, weeks.get(w) as DeflectionCounts];
  };
  const counted = new Set<string>();
  const index = indexTickets(tickets);
  for (const q of questions) {
    const fresh = index.fromThread(q).filter((t) => !counted.has(t.key));
    for (const t of fresh) counted.add(t.key);
    const answered = q.outcome === 'answered';
    const noTicket = answered && !index.withinADay(q);
    for (const s of slices(q.channel, q.askedAt)) {
      s.questions += 1;
      if (answered) s.answered += 1;
      if (noTicket) s.answeredNoTicket += 1;
      s.ticketsFromAnswers += fresh.length;
    }
  }
  for (const v of votes)
    for (const s of slices(v.channel, v.at)) {
      if (v.rating === 'up') s.thumbsUp += 1;
      else s.thumbsDown += 1;
      if (v.resolved) s.guidedResolutions += 1;
    }
  return {
    since: full.since,
    until: full.until,
    ...total,
    byChannel: [...channels]
      .map(([channel, c]) => ({ channel, ...c }))
      .sort((a, b) => b.questions - a.questions || a.channel.localeCompare(b.channel)),
    byWeek: [...weeks].map(([week, c]) => ({ week, ...c })).sort((a, b) => a.week.localeCompare(b.week)),
  };
}

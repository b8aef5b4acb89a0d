import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../../src/db/create-database.js';
import { createFeedbackStore } from '../../../src/feedback/feedback-store.js';
import { type QuestionInput, QuestionOutcome } from '../../../src/feedback/question-log.js';
import { deflectionSummary } from '../../../src/knowledge-loop/deflection.js';
import { createTicketStore } from '../../../src/tickets/ticket-store.js';
import { backends } from './backends.js';

let at = 0;
const clock = () => at;
const set = (iso: string) => {
  at = Date.parse(iso);
};

function question(
  answerId: string,
  channel: string,
  userId: string,
  outcome: QuestionInput['outcome'] = QuestionOutcome.Answered,
): QuestionInput {
  return {
    answerId,
    channel,
    threadTs: `${answerId}.0001`,
    userId,
    question: `question ${answerId}`,
    outcome,
    mode: outcome === QuestionOutcome.Answered ? 'extractive' : 'abstain',
    sources: [],
  };
}

const ticket = (requesterId: string, source?: { channel: string; ts: string }) => ({
  requesterId,
  summary: 'Viewer problem',
  description: '',
  category: 'viewer_access' as const,
  urgency: 'routine' as const,
  ...(source ? { source } : {}),
});

const vote = (answerId: string, userId: string) => ({
  answerId,
  userId,
  question: 'q',
  sources: [],
  mode: 'extractive',
});

describe.each(backends)('deflectionSummary on $name', (backend) => {
  let database: AppDatabase;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await backend.open());
    const feedback = createFeedbackStore(database, clock);
    const tickets = createTicketStore(database, { outbox: false, now: clock });
    set('2026-11-20T09:00:00Z'); // before the range: not counted
    await feedback.questions.record(question('old', 'C0RADHELP', 'U0'));
    // ISO week 2026-W49
    set('2026-11-30T09:00:00Z');
    await feedback.questions.record(question('q1', 'C0RADHELP', 'U1'));
    set('2026-11-30T09:10:00Z');
    await feedback.record({ ...vote('q1', 'U1'), rating: 'up' });
    set('2026-11-30T10:00:00Z');
    await feedback.questions.record(question('q2', 'C0RADHELP', 'U2'));
    await feedback.record({ ...vote('q2', 'U2'), rating: 'down' });
    set('2026-11-30T11:00:00Z');
    await tickets.create(ticket('U2', { channel: 'C0RADHELP', ts: 'q2.0001' }), 'U2');
    set('2026-11-30T12:00:00Z');
    await feedback.questions.record(question('q3', 'C0EMERG', 'U3', QuestionOutcome.Abstained));
    set('2026-11-30T13:00:00Z');
    await tickets.create(ticket('U3', { channel: 'C0EMERG', ts: 'q3.0001' }), 'U3');
    // ISO week 2026-W50
    set('2026-12-08T09:00:00Z');
    await feedback.questions.record(question('q4', 'C0EMERG', 'U4'));
    set('2026-12-08T09:05:00Z');
    await feedback.recordResolution({
      ...vote('q4', 'U4'),
      step: 2,
      total: 3,
      heading: 'Clear the cache',
      cite: 'x#y',
    });
    set('2026-12-08T10:00:00Z');
    await feedback.questions.record(question('q5', 'C0RADHELP', 'U5'));
    set('2026-12-08T12:00:00Z');
    await tickets.create(ticket('U5'), 'U5'); // within a day, not from the answer
    set('2026-12-09T15:00:00Z');
    await tickets.create(ticket('U4', { channel: 'C0OTHER', ts: '9.9' }), 'U4'); // 30 hours after q4
    await feedback.record({ ...vote('legacy', 'U9'), rating: 'down' }); // an answer from before the question log
  });
  afterAll(async () => {
    await database.close();
    await cleanup();
  });

  it('counts questions, answers with no ticket within a day, tickets from answers, votes and guided fixes', async () => {
    const s = await deflectionSummary(database, {
      since: '2026-11-30T00:00:00.000Z',
      until: '2026-12-10T00:00:00.000Z',
    });
    expect(s).toMatchObject({
      since: '2026-11-30T00:00:00.000Z',
      until: '2026-12-10T00:00:00.000Z',
      questions: 5,
      answered: 4,
      answeredNoTicket: 2,
      ticketsFromAnswers: 2,
      thumbsUp: 2,
      thumbsDown: 2,
      guidedResolutions: 1,
    });
    expect(s.byChannel).toEqual([
      {
        channel: 'C0RADHELP',
        questions: 3,
        answered: 3,
        answeredNoTicket: 1,
        ticketsFromAnswers: 1,
        thumbsUp: 1,
        thumbsDown: 1,
        guidedResolutions: 0,
      },
      {
        channel: 'C0EMERG',
        questions: 2,
        answered: 1,
        answeredNoTicket: 1,
        ticketsFromAnswers: 1,
        thumbsUp: 1,
        thumbsDown: 0,
        guidedResolutions: 1,
      },
      {
        channel: 'unknown',
        questions: 0,
        answered: 0,
        answeredNoTicket: 0,
        ticketsFromAnswers: 0,
        thumbsUp: 0,
        thumbsDown: 1,
        guidedResolutions: 0,
      },
    ]);
    expect(s.byWeek).toEqual([
      {
        week: '2026-W49',
        questions: 3,
        answered: 2,
        answeredNoTicket: 1,
        ticketsFromAnswers: 2,
        thumbsUp: 1,
        thumbsDown: 1,
        guidedResolutions: 0,
      },
      {
        week: '2026-W50',
        questions: 2,
        answered: 2,
        answeredNoTicket: 1,
        ticketsFromAnswers: 0,
        thumbsUp: 1,
        thumbsDown: 1,
        guidedResolutions: 1,
      },
    ]);
  });

  it('keeps to the range: a later start leaves the first week out', async () => {
    const s = await deflectionSummary(database, {
      since: '2026-12-01T00:00:00.000Z',
      until: '2026-12-10T00:00:00.000Z',
    });
    expect(s).toMatchObject({ questions: 2, answered: 2, answeredNoTicket: 1, ticketsFromAnswers: 0 });
    expect(s.byWeek.map((w) => w.week)).toEqual(['2026-W50']);
    // The weekly report passes its Period as Dates.
    const period = { since: new Date('2026-12-01T00:00:00Z'), until: new Date('2026-12-10T00:00:00Z') };
    expect(await deflectionSummary(database, period)).toEqual(s);
  });
});

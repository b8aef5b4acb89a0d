import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerMode } from '../../src/answers/types.js';
import { createLogger } from '../../src/core/logger.js';
import type { AppDatabase } from '../../src/db/create-database.js';
import { createFeedbackStore } from '../../src/feedback/feedback-store.js';
import { createLoopQueries } from '../../src/feedback/loop-queries.js';
import { QuestionOutcome } from '../../src/feedback/question-log.js';
import { recordQuestionLater } from '../../src/feedback/record-question.js';
import { kbGaps } from '../../src/knowledge-loop/kb-gaps.js';
import { waitUntil } from '../helpers/wait-until.js';
import { backends } from '../kb/gaps/backends.js';

let at = 0;
const clock = () => at;
const range = { since: '2026-12-01T00:00:00.000Z', until: '2026-12-02T00:00:00.000Z' };

const abstention = {
  mode: AnswerMode.Abstain,
  answerable: false,
  markdown: '',
  citations: [],
  nearest: [{ n: 1, source: 'viewer/hanging-protocols.md', title: 'Hanging', heading: 'Layouts', anchor: 'layouts' }],
  confidence: 0.2,
};

describe.each(backends)('question log on $name', (backend) => {
  let database: AppDatabase;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await backend.open());
    at = Date.parse('2026-12-01T10:00:00Z');
  });
  afterAll(async () => {
    await database.close();
    await cleanup();
  });

  it('stores the question redacted, with channel, thread, asker and the nearest pages; once per answer id', async () => {
    const { questions } = createFeedbackStore(database, clock);
    const input = {
      answerId: 'a1',
      channel: 'C0RADHELP',
      threadTs: '1.2',
      userId: 'U1',
      question: 'mammo hanging protocol broken for MRN 7654321, accession A1234567',
      outcome: QuestionOutcome.Abstained,
      mode: 'abstain',
      sources: [{ source: 'viewer/hanging-protocols.md', heading: 'Layouts' }],
    };
    await questions.record(input);
    await questions.record({ ...input, question: 'a second write of the same answer' });
    const rows = await questions.list(range);
    expect(rows).toEqual([
      {
        ...input,
        question: 'mammo hanging protocol broken for MRN [MRN], accession [ACCESSION]',
        askedAt: '2026-12-01T10:00:00.000Z',
      },
    ]);
    expect(await questions.list({ since: range.until, until: '2026-12-03T00:00:00.000Z' })).toEqual([]);
  });

  it('logs in the background from an answer, and a failed write is logged by code, never with the question', async () => {
    let logs = '';
    const logger = createLogger({
      level: 'warn',
      destination: new Writable({
        write(chunk, _e, done) {
          logs += chunk.toString();
          done();
        },
      }),
    });
    const { questions } = createFeedbackStore(database, clock);
    at = Date.parse('2026-12-01T11:00:00Z');
    recordQuestionLater(questions, logger, {
      answerId: 'a2',
      channel: 'C0EMERG',
      userId: 'U2',
      question: 'hanging protocols for mammography tomo',
      answer: abstention,
    });
    await waitUntil(async () => expect((await questions.list(range)).map((r) => r.answerId)).toContain('a2'));
    const broken = {
      record: () => Promise.reject(Object.assign(new Error('SQLITE_FULL: disk'), { code: 'SQLITE_FULL' })),
    };
    recordQuestionLater(broken, logger, {
      answerId: 'a3',
      userId: 'U3',
      question: 'MRN 7654321 secret',
      answer: abstention,
    });
    await waitUntil(() => expect(logs).toContain('question not logged'));
    expect(logs).toContain('SQLITE_FULL');
    expect(logs).not.toContain('7654321');
    expect(logs).not.toContain('secret');
  });

  it('gaps without a knowledge base use the recorded nearest pages; 👎 and abstention on one answer count once', async () => {
    const feedback = createFeedbackStore(database, clock);
    at = Date.parse('2026-12-01T12:00:00Z');
    await feedback.record({
      answerId: 'a2',
      userId: 'U2',
      rating: 'down',
      question: 'hanging protocols for mammography tomo',
      sources: [],
      mode: 'abstain',
    });
    const gaps = await kbGaps({ queries: createLoopQueries(database) }, range);
    expect(gaps).toEqual([
      {
        topic: 'hanging protocol mammo',
        questions: [
          'mammo hanging protocol broken for MRN [MRN], accession [ACCESSION]',
          'hanging protocols for mammography tomo',
        ],
        count: 2,
        channels: ['C0EMERG', 'C0RADHELP'],
        reasons: { abstained: 2, thumbsDown: 1 },
        nearest: [{ source: 'viewer/hanging-protocols.md', heading: 'Layouts' }],
      },
    ]);
  });
});

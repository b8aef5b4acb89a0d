import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopColumns, loopRows, measureKnowledgeLoop } from '../../bench/knowledge-loop.js';
import { checkDeflection, checkGaps, checkNoIdentifiers } from '../../bench/knowledge-loop-checks.js';
import { type AppDatabase, createDatabase } from '../../src/db/create-database.js';
import { createKnowledgeBase } from '../../src/kb/index.js';
import type { KnowledgeBase } from '../../src/kb/types.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('knowledge-loop bench (small)', () => {
  const dir = tempDir('bench-loop-test-');
  let database: AppDatabase;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    database = await createDatabase({ dataDir: dir.path });
    kb = await createKnowledgeBase({ dir: 'knowledge' });
  });
  afterAll(async () => {
    await kb.close();
    await database.close();
    dir.remove();
  });

  it('plants, checks every row against the plant and reports one column pair of figures per row', async () => {
    const report = await measureKnowledgeLoop(database, kb, { questions: 1200, tickets: 60, rounds: 1, warmup: 0 });
    const { plant } = report;
    expect(plant.questions).toBe(1200);
    expect(plant.answered + plant.abstained).toBe(1200);
    expect(plant.thumbsDown).toBeGreaterThan(0);
    expect(plant.ticketsFromAnswers).toBe(10);
    expect(plant.identifiers).toHaveLength(150);
    expect(Math.abs(report.gaps - plant.gapTopics)).toBeLessThanOrEqual(2);
    expect(report.times.map((t) => t.length)).toEqual(loopRows.map(() => 1));
    const rows = loopColumns([report]);
    expect(rows.map((r) => r[0])).toEqual([...loopRows]);
    for (const row of rows)
      expect(row.slice(1)).toEqual([expect.stringMatching(/ ms$/), expect.stringMatching(/ ms$/)]);
  });

  it('the checks fail loudly on a wrong answer: a leaked identifier, a missing topic, a miscount', () => {
    const plant = {
      questions: 3,
      answered: 2,
      abstained: 1,
      thumbsDown: 1,
      thumbsUp: 0,
      tickets: 0,
      ticketsFromAnswers: 0,
      answeredNoTicket: 2,
      gapTopics: 5,
      identifiers: ['90012345'],
    };
    expect(() => checkNoIdentifiers('leak', plant, { q: 'PACS for MRN 90012345' })).toThrow(/1 seeded identifiers/);
    const gap = {
      topic: 't',
      questions: ['q'],
      count: 2,
      channels: [],
      reasons: { abstained: 1, thumbsDown: 1 },
      nearest: [],
    };
    expect(() => checkGaps('few', plant, [gap, gap])).toThrow(/2 gaps, planted 5 topics/);
    expect(() => checkGaps('count', plant, [gap, gap, gap])).toThrow(/hold 6 questions/);
    const summary = { since: '', until: '', byChannel: [], byWeek: [] };
    const counts = {
      questions: 3,
      answered: 2,
      answeredNoTicket: 1,
      ticketsFromAnswers: 0,
      thumbsUp: 0,
      thumbsDown: 1,
      guidedResolutions: 0,
    };
    expect(() => checkDeflection('deflection', plant, { ...summary, ...counts })).toThrow(
      /answeredNoTicket 1, planted 2/,
    );
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { type EvalQuestion, evaluate } from '../../src/kb/eval.js';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../src/kb/index.js';

let kb: WatchableKnowledgeBase;
beforeAll(async () => {
  kb = await createKnowledgeBase({ dir: join(packageRoot, 'knowledge') });
});
afterAll(() => kb.close());

const question: EvalQuestion = {
  id: 'q',
  question: 'patient not on the modality worklist',
  expected: ['modality/worklist-problems.md'],
  accept: { 'modality/worklist-problems.md': [['Patient not on the modality worklist', 'Check the order first']] },
};

describe('KnowledgeBase.page', () => {
  it('returns a page’s chunks in document order, [] for an unknown page, and a copy the caller may change', () => {
    const chunks = kb.page('modality/worklist-problems.md');
    expect(chunks.map((c) => c.heading).slice(0, 3)).toEqual(['', 'Patient not on the modality worklist', 'Symptoms']);
    expect(chunks.every((c) => c.role !== undefined)).toBe(true);
    chunks.length = 0;
    expect(kb.page('modality/worklist-problems.md').length).toBeGreaterThan(3);
    expect(kb.page('nowhere.md')).toEqual([]);
  });
});

describe('evaluate with leadOf', () => {
  it('scores usefulness on the section leadOf returns, and on the top passage without it', async () => {
    const pick = (heading: string) => kb.page('modality/worklist-problems.md').find((c) => c.heading === heading);
    const good = await evaluate(kb, [question], { leadOf: () => pick('Check the order first') });
    const bad = await evaluate(kb, [question], { leadOf: () => pick('Symptoms') });
    expect(good.perQuestion[0]?.usefulSection).toBe(true);
    expect(bad.perQuestion[0]?.usefulSection).toBe(false);
    // On the accepted page, usefulness measures the section choice alone; another page does not count there.
    expect([
      good.usefulnessOnPage,
      good.usefulnessOnPageCount,
      bad.usefulnessOnPage,
      bad.usefulnessOnPageCount,
    ]).toEqual([1, 1, 0, 1]);
    const elsewhere = await evaluate(kb, [question], { leadOf: () => kb.page('studies/burning-a-cd.md')[1] });
    expect([elsewhere.usefulness, elsewhere.usefulnessOnPageCount]).toEqual([0, 0]);
    const seen: string[] = [];
    await evaluate(kb, [question], {
      leadOf: (q, response) => {
        seen.push(q, response.results[0]?.chunk.source ?? '');
        return undefined;
      },
    });
    expect(seen).toEqual([question.question, 'modality/worklist-problems.md']);
  });
});

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createKnowledgeBase, type EvalQuestion, evaluate } from '../../src/kb/index.js';

const CORPORA = fileURLToPath(new URL('../../../shared/corpora', import.meta.url));
const QUESTIONS = fileURLToPath(new URL('../../bench/questions/corpora.jsonl', import.meta.url));
const present = existsSync(CORPORA);
if (!present) console.log(`kb corpora test skipped: ${CORPORA} not found`);

describe.skipIf(!present)('orthanc-book + ohif-docs', () => {
  // Same abstention rule and threshold as the starter KB (test/kb/confidence.test.ts): ≥ 90% answered, ≥ 11/14 abstained.
  it("retrieves and abstains within the benchmark targets with the starter KB's rule", async () => {
    const questions = (await readFile(QUESTIONS, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as EvalQuestion);
    const kb = await createKnowledgeBase({ dir: CORPORA });
    const report = await evaluate(kb, questions);
    await kb.close();
    expect(report.answerableCount).toBeGreaterThanOrEqual(45);
    expect(report.unanswerableCount).toBeGreaterThanOrEqual(12);
    expect(report.hit3).toBeGreaterThanOrEqual(0.8);
    expect(report.mrr).toBeGreaterThan(0.7);
    expect(report.abstainedUnanswerable / report.unanswerableCount).toBeGreaterThanOrEqual(11 / 14);
    expect(report.falseAbstentions / report.answerableCount).toBeLessThanOrEqual(0.1);
    expect(kb.stats().failures).toEqual([]);
  });
});

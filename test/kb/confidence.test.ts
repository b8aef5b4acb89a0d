import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createKnowledgeBase, type EvalQuestion, evaluate } from '../../src/kb/index.js';
import { buildLexicalIndex } from '../../src/kb/search/build-packed-index.js';
import { explainPage } from '../../src/kb/search/coverage.js';
import { expandQuery } from '../../src/kb/search/expand-query.js';
import { analyzeChunk } from '../../src/kb/search/lexical-index.js';

const STARTER_KB = fileURLToPath(new URL('../../knowledge', import.meta.url));
const STARTER_QUESTIONS = fileURLToPath(new URL('../fixtures/starter-questions.jsonl', import.meta.url));

/** Reads a JSON-lines question set. */
async function readQuestions(path: string): Promise<EvalQuestion[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion);
}

function indexOf(...bodies: string[]) {
  return buildLexicalIndex(
    bodies.map((body, i) => analyzeChunk({ title: `Page ${i}`, heading: [], body, source: `p${i}.md`, tags: [] })),
  );
}

describe('explainPage', () => {
  it('weighs the words the KB never mentions most, so an off-topic question loses coverage', () => {
    const index = indexOf('Reset your PACS password at the service desk.', 'Hanging protocols and layouts.');
    const { coverage, explained, counted } = explainPage(index, expandQuery('wifi password'), 0, 1);
    expect(counted).toBe(2);
    expect(explained).toBe(1);
    expect(coverage).toBeLessThan(0.5);
  });

  it('skips unseen numbers: the KB cannot contain the dates and times users type', () => {
    const index = indexOf('The study was sent from the scanner but is missing in PACS.', 'Port 104 is open.');
    expect(explainPage(index, expandQuery('study sent at 2am missing'), 0, 1)).toMatchObject({
      coverage: 1,
      counted: 3,
    });
    expect(explainPage(index, expandQuery('port 104'), 0, 1).coverage).toBe(0);
  });

  it('credits a word explained only by a vocabulary expansion by the IDF of the expansion', () => {
    const index = indexOf('Retrieve priors with C-MOVE.', 'Query with C-FIND.', 'Another page.', 'A fourth page.');
    const { explained } = explainPage(index, expandQuery('pull priors'), 0, 1);
    expect(explained).toBeGreaterThan(1);
    expect(explained).toBeLessThanOrEqual(2);
  });
});

describe('abstention on the bundled starter KB (20 articles)', () => {
  it('answers at least 90% of answerable questions and abstains on at least 4 of 5 off-topic ones', async () => {
    const kb = await createKnowledgeBase({ dir: STARTER_KB });
    const report = await evaluate(kb, await readQuestions(STARTER_QUESTIONS));
    await kb.close();
    expect(report.answerableCount).toBe(25);
    expect(report.hit3).toBeGreaterThanOrEqual(0.92);
    expect(report.falseAbstentions).toBeLessThanOrEqual(2);
    expect(report.abstainedUnanswerable).toBeGreaterThanOrEqual(4);
  });
});

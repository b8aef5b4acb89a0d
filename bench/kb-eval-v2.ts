import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { leadSectionOf } from '../src/answers/lead-section.js';
import { type EvalQuestion, type EvalReport, evaluate } from '../src/kb/eval.js';
import { createKnowledgeBase } from '../src/kb/index.js';
import type { KnowledgeBase, SearchResponse } from '../src/kb/types.js';
import { buildBaseline, evaluateBaseline } from './kb-baseline.js';

/**
 * Evaluation set v2 (bench/questions/eval-v2): questions written from the pages' topics, by persona and kind, with
 * the resolving sections labelled. The locked half is printed as totals only, never question by question: it is
 * the figure that counts, and nobody tunes on it.
 */
const V2 = (half: 'open' | 'locked', slice: 'corpora' | 'starter') =>
  fileURLToPath(new URL(`./questions/eval-v2/${half}/${slice}.jsonl`, import.meta.url));
const STARTER_KB = fileURLToPath(new URL('../knowledge', import.meta.url));

async function read(path: string): Promise<EvalQuestion[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion);
}

const f = (n: number) => n.toFixed(3);
/**
 * `topUseful`: usefulness had the answer quoted the top passage instead of the section it leads with. "on page":
 * usefulness where the cited section is on an accepted page (the section choice alone, ranking aside).
 */
const row = (name: string, r: EvalReport, topUseful?: number) => {
  const useful =
    topUseful === undefined
      ? `  —   |      —      |      —       `
      : `${f(r.usefulness)} |   ${f(topUseful)}     | ${`${f(r.usefulnessOnPage)} (${r.usefulnessOnPageCount})`.padEnd(12)} `;
  return `| ${name.padEnd(26)} | ${[f(r.hit1), f(r.hit3), f(r.hit5), f(r.mrr)].join(' | ')} | ${`${r.abstainedUnanswerable}/${r.unanswerableCount}`.padStart(9)} | ${`${r.falseAbstentions}/${r.answerableCount}`.padStart(10)} | ${useful}|`;
};

async function slice(kb: KnowledgeBase, dir: string, name: 'corpora' | 'starter'): Promise<string[]> {
  const baseline = await buildBaseline(dir);
  const lines: string[] = [];
  for (const half of ['open', 'locked'] as const) {
    if (!existsSync(V2(half, name))) continue;
    const questions = await read(V2(half, name));
    const leadOf = (question: string, response: SearchResponse) => leadSectionOf(kb, question, response);
    const topPassage = await evaluate(kb, questions);
    lines.push(
      row(`${name} ${half} (${questions.length})`, await evaluate(kb, questions, { leadOf }), topPassage.usefulness),
    );
    lines.push(row(`  BM25, whole pages`, evaluateBaseline(baseline.search, questions)));
  }
  return lines;
}

/** Prints the v2 table: corpora (with the KB already built over them) and the starter KB, open and locked halves. */
export async function evalV2Table(corporaKb: KnowledgeBase, corporaDir: string): Promise<void> {
  const starter = await createKnowledgeBase({ dir: STARTER_KB });
  const lines = [...(await slice(corporaKb, corporaDir, 'corpora')), ...(await slice(starter, STARTER_KB, 'starter'))];
  await starter.close();
  console.log('\nEvaluation set v2 (written from topics; locked halves as totals only)');
  console.log(
    'useful: the section the answer leads with is an accepted one; top passage: had it quoted the top passage',
  );
  console.log(
    '| set                        | hit@1 | hit@3 | hit@5 |  MRR  | abstained | false abst | useful | top passage | on page (n)  |',
  );
  console.log(
    '|----------------------------|-------|-------|-------|-------|-----------|------------|--------|-------------|--------------|',
  );
  for (const line of lines) console.log(line);
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type EvalQuestion, type EvalReport, evaluate } from '../src/kb/eval.js';
import { createKnowledgeBase } from '../src/kb/index.js';
import { buildBaseline, evaluateBaseline } from './kb-baseline.js';
import { evalV2Table } from './kb-eval-v2.js';

const CORPORA = fileURLToPath(new URL('../../shared/corpora', import.meta.url));
const QUESTIONS = fileURLToPath(new URL('./questions/corpora.jsonl', import.meta.url));
const STARTER_KB = fileURLToPath(new URL('../knowledge', import.meta.url));
const STARTER_SETS = [
  ['starter', fileURLToPath(new URL('../test/fixtures/starter-questions.jsonl', import.meta.url))],
  ['starter held-out', fileURLToPath(new URL('../test/fixtures/starter-holdout.jsonl', import.meta.url))],
] as const;

async function readQuestions(path: string): Promise<EvalQuestion[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion);
}

/** One abstention rule for every KB size: prints the starter KB's sets next to the corpora's. */
async function abstentionTable(corpora: EvalReport): Promise<void> {
  const kb = await createKnowledgeBase({ dir: STARTER_KB });
  const rows: [string, EvalReport][] = [];
  for (const [name, path] of STARTER_SETS) rows.push([name, await evaluate(kb, await readQuestions(path))]);
  await kb.close();
  rows.push(['corpora', corpora]);
  console.log('\nAbstention, same rule and threshold on every KB');
  console.log('| set              | hit@3 | answered (answerable) | abstained (unanswerable) |');
  console.log('|------------------|-------|-----------------------|--------------------------|');
  for (const [name, r] of rows) {
    const answered = `${r.answerableCount - r.falseAbstentions}/${r.answerableCount}`;
    const abstained = `${r.abstainedUnanswerable}/${r.unanswerableCount}`;
    console.log(`| ${name.padEnd(16)} | ${fmt(r.hit3)} | ${answered.padStart(21)} | ${abstained.padStart(24)} |`);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function latencies(search: (q: string) => unknown, questions: readonly EvalQuestion[], rounds = 5) {
  const times: number[] = [];
  for (const q of questions) await search(q.question); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const started = performance.now();
      await search(q.question);
      times.push(performance.now() - started);
    }
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const fmt = (n: number) => n.toFixed(3);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** KB retrieval benchmark: ours vs plain BM25 (MiniSearch) over orthanc-book + ohif-docs. Prints a table. */
export async function run(): Promise<void> {
  if (!existsSync(CORPORA)) {
    console.log(`kb-retrieval: ${CORPORA} not found, skipped`);
    return;
  }
  const questions = await readQuestions(QUESTIONS);
  const kb = await createKnowledgeBase({ dir: CORPORA });
  const stats = kb.stats();
  const ours = await evaluate(kb, questions);
  const oursLatency = await latencies((q) => kb.search(q, { limit: 5 }), questions);
  const baseline = await buildBaseline(CORPORA);
  const bm25 = evaluateBaseline(baseline.search, questions);
  const bm25Latency = await latencies(baseline.search, questions);
  const printV2 = () => evalV2Table(kb, CORPORA);

  console.log(`\nKB retrieval — ${stats.documents} documents, ${stats.chunks} chunks, ${questions.length} questions`);
  const rows: [string, string, string][] = [
    ['hit@1', fmt(ours.hit1), fmt(bm25.hit1)],
    ['hit@3', fmt(ours.hit3), fmt(bm25.hit3)],
    ['hit@5', fmt(ours.hit5), fmt(bm25.hit5)],
    ['MRR', fmt(ours.mrr), fmt(bm25.mrr)],
    [
      'abstained (unanswerable)',
      `${ours.abstainedUnanswerable}/${ours.unanswerableCount}`,
      `${bm25.abstainedUnanswerable}/${bm25.unanswerableCount}`,
    ],
    [
      'false abstentions (answerable)',
      `${ours.falseAbstentions}/${ours.answerableCount}`,
      `${bm25.falseAbstentions}/${bm25.answerableCount}`,
    ],
    ['index build', ms(stats.buildMs), ms(baseline.buildMs)],
    ['query p50', ms(oursLatency.p50), ms(bm25Latency.p50)],
    ['query p99', ms(oursLatency.p99), ms(bm25Latency.p99)],
  ];
  console.log(`| ${'metric'.padEnd(30)} | ${'ours'.padStart(10)} | ${'BM25 (MiniSearch)'.padStart(17)} |`);
  console.log(`|${'-'.repeat(32)}|${'-'.repeat(12)}|${'-'.repeat(19)}|`);
  for (const [name, a, b] of rows) console.log(`| ${name.padEnd(30)} | ${a.padStart(10)} | ${b.padStart(17)} |`);
  const misses = ours.perQuestion.filter((q) =>
    q.expected.length > 0 ? q.rank === null || q.rank > 3 || !q.answerable : q.answerable,
  );
  if (misses.length > 0) {
    console.log('\nours, misses (rank > 3, false abstention, or answered an unanswerable question):');
    for (const q of misses)
      console.log(
        `  ${q.id} rank=${q.rank ?? '-'} answerable=${q.answerable} conf=${q.confidence.toFixed(2)} top=${q.sources.slice(0, 2).join(', ')}`,
      );
  }
  await abstentionTable(ours);
  await printV2();
  await kb.close();
}

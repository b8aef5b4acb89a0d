import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildSyntheticKb } from './kb-scale-corpus.js';
import { ms, printTable } from './stats.js';

const CORPORA = fileURLToPath(new URL('../../shared/corpora', import.meta.url));
const OPEN_SETS = ['corpora', 'starter'].map((name) =>
  fileURLToPath(new URL(`./questions/eval-v2/open/${name}.jsonl`, import.meta.url)),
);
const CHILD = fileURLToPath(new URL('./kb-scale-child.ts', import.meta.url));
const SIZES = [1_550, 10_000] as const;
/** Issue 9's measurement before the packed index (corpora x10): the old representation is gone, so it is a constant. */
const BEFORE = { pages: 1_550, buildS: 9.4, rssMb: 624 } as const;

interface ChildReport {
  readyMs: number;
  /** CPU time of the start (all threads): steadier than wall time on a shared machine. */
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
  chunks: number;
  p50: number;
  p99: number;
  /** Query CPU time percentiles: a query preempted by another process inflates wall time only. */
  cpuP50: number;
  cpuP99: number;
  queries: number;
}

const exec = promisify(execFile);

/** One KB start in a fresh process (clean RSS): an empty cacheDir measures a build, a filled one a cache load. */
async function child(dir: string, cacheDir: string, questions: string): Promise<ChildReport> {
  const { stdout } = await exec(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, dir, cacheDir, questions], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildReport;
}

const mb = (n: number) => `${Math.round(n)} MB`;
const s = (n: number) => `${(n / 1000).toFixed(1)} s`;

/** KB scale benchmark: synthetic KBs of 1,550 and 10,000 pages built from the corpora; build, RSS, cache, latency. */
export async function run(): Promise<void> {
  if (!existsSync(CORPORA)) {
    console.log(`kb-scale: ${CORPORA} not found, skipped`);
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'kb-scale-'));
  try {
    const questions = (await Promise.all(OPEN_SETS.map((path) => readFile(path, 'utf8'))))
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { question: string }).question);
    const questionsFile = join(work, 'questions.json');
    await writeFile(questionsFile, JSON.stringify(questions));
    const rows: [string, ...string[]][] = [
      [
        `before (issue 9), ${BEFORE.pages} pages`,
        '-',
        s(BEFORE.buildS * 1000),
        mb(BEFORE.rssMb),
        '-',
        '-',
        '-',
        '-',
        '-',
      ],
    ];
    for (const pages of SIZES) {
      const dir = join(work, `kb-${pages}`);
      const cacheDir = join(work, `cache-${pages}`);
      const { bytes } = await buildSyntheticKb(CORPORA, dir, pages);
      const built = await child(dir, cacheDir, questionsFile);
      const loaded = await child(dir, cacheDir, questionsFile);
      rows.push([
        `now, ${pages} pages (${mb(bytes / 2 ** 20)})`,
        String(built.chunks),
        `${s(built.readyMs)} (${s(built.cpuMs)} CPU)`,
        mb(built.rssMb),
        mb(built.peakRssMb),
        `${s(loaded.readyMs)} (${s(loaded.cpuMs)} CPU)`,
        mb(loaded.rssMb),
        `${ms(loaded.p50)} / ${ms(loaded.p99)}`,
        `${ms(loaded.cpuP50)} / ${ms(loaded.cpuP99)}`,
      ]);
      await rm(dir, { recursive: true, force: true });
    }
    printTable(
      `KB scale: synthetic pages from the corpora, ${questions.length} open questions x3 per run; target 10,000 pages` +
        ' build <= 60 s, RSS <= 1 GB, cache load <= 5 s, p99 <= 50 ms',
      [
        'chunks',
        'build',
        'RSS after build',
        'peak RSS',
        'cache load',
        'RSS after load',
        'query p50 / p99',
        'query CPU p50 / p99',
      ],
      rows,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();

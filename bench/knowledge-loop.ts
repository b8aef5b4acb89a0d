import { fileURLToPath } from 'node:url';
import { type AppDatabase, createDatabase } from '../src/db/create-database.js';
import { createLoopQueries } from '../src/feedback/loop-queries.js';
import { createQuestionLog } from '../src/feedback/question-log.js';
import { createKnowledgeBase } from '../src/kb/index.js';
import type { KnowledgeBase } from '../src/kb/types.js';
import { deflectionSummary } from '../src/knowledge-loop/deflection.js';
import { kbGaps } from '../src/knowledge-loop/kb-gaps.js';
import { createIncidentLog } from '../src/pacs/monitors/incident-log.js';
import { incidentSource } from '../src/report/incident-source.js';
import { loopSources } from '../src/report/loop-sources.js';
import { pngSize, renderPng } from '../src/report/render-png.js';
import { chartSize, weeklyChartSvg } from '../src/report/weekly-chart.js';
import { buildWeeklyReport } from '../src/report/weekly-report.js';
import { createWeeklySources } from '../src/report/weekly-sources.js';
import { createTicketStore } from '../src/tickets/ticket-store.js';
import { createTempDatabase } from '../test/helpers/postgres.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { checkDeflection, checkGaps, checkReport, gapTolerance } from './knowledge-loop-checks.js';
import { type Plant, plantEnd, plantKnowledgeLoop, queues } from './knowledge-loop-plant.js';
import { ms, percentile, printTable, rotated } from './stats.js';

const STARTER_KB = fileURLToPath(new URL('../knowledge', import.meta.url));
const dayMs = 24 * 3600_000;

export interface LoopBenchOptions {
  questions?: number;
  tickets?: number;
  /** Timed runs of each row, after `warmup` unmeasured ones. */
  rounds?: number;
  warmup?: number;
}

export const loopRows = [
  'baseline: gapRows alone (the bare reads)',
  'kbGaps, recorded nearest pages',
  'kbGaps, nearest pages searched in the starter KB',
  'baseline: question log + votes + tickets reads',
  'deflectionSummary',
  'buildWeeklyReport, all sources (last week)',
  'baseline: weekly chart SVG alone',
  'weekly chart SVG → PNG (resvg)',
] as const;

/** Durations in ms per row, in `loopRows` order; every run's answer was checked against the plant. */
export interface LoopBenchReport {
  plant: Plant;
  seedMs: number;
  gaps: number;
  times: number[][];
}

/** Seeds `database`, then times every row in rotated rounds over the same rows. */
export async function measureKnowledgeLoop(
  database: AppDatabase,
  kb: Pick<KnowledgeBase, 'search'>,
  options: LoopBenchOptions = {},
): Promise<LoopBenchReport> {
  const { questions = 10_000, tickets = 2_000, rounds = 5, warmup = 1 } = options;
  const started = performance.now();
  const plant = await plantKnowledgeLoop(database, questions, tickets);
  const seedMs = performance.now() - started;
  const month = { since: new Date(plantEnd - 30 * dayMs), until: new Date(plantEnd) };
  const weeks = { since: new Date(plantEnd - 28 * dayMs), until: month.until };
  const lastWeek = { since: new Date(plantEnd - 7 * dayMs), until: month.until };
  const queries = createLoopQueries(database);
  const log = createQuestionLog(database);
  const store = createTicketStore(database);
  const sources = createWeeklySources({
    tickets: store,
    channels: { queues: () => queues },
    incidents: incidentSource(createIncidentLog(database)),
    ...loopSources(database, kb),
  });
  const iso = { since: month.since.toISOString(), until: month.until.toISOString() };
  const weeksIso = { since: weeks.since.toISOString(), until: weeks.until.toISOString() };
  const report = await buildWeeklyReport(sources, lastWeek);
  const svg = weeklyChartSvg(report);
  let gaps = 0;
  const times = await rotated(
    rounds,
    [
      async () => queries.gapRows(iso),
      async () => checkGaps('kbGaps', plant, await kbGaps({ queries }, month)),
      async () => {
        const found = await kbGaps({ queries, kb }, month);
        checkGaps('kbGaps with KB', plant, found);
        gaps = found.length;
      },
      async () => Promise.all([log.list(weeksIso), queries.votes(weeksIso), queries.tickets(weeksIso)]),
      async () => checkDeflection('deflectionSummary', plant, await deflectionSummary(database, weeks)),
      async () => checkReport('buildWeeklyReport', plant, await buildWeeklyReport(sources, lastWeek)),
      async () => weeklyChartSvg(report),
      async () => {
        const size = pngSize(renderPng(svg));
        if (size?.width !== chartSize.width || size.height !== chartSize.height) throw new Error('chart: not a PNG');
      },
    ],
    warmup,
  );
  return { plant, seedMs, gaps, times };
}

/** One column pair per backend: p50 and p95 of each row. */
export function loopColumns(reports: LoopBenchReport[]): [string, ...string[]][] {
  return loopRows.map((label, i) => [
    label,
    ...reports.flatMap((r) => [ms(percentile(r.times[i] ?? [], 50)), ms(percentile(r.times[i] ?? [], 95))]),
  ]);
}

async function onBackend(kb: KnowledgeBase, databaseUrl?: string): Promise<LoopBenchReport> {
  const dir = tempDir('bench-loop-');
  const pg = databaseUrl === undefined ? undefined : await createTempDatabase();
  const database = await createDatabase({ dataDir: dir.path, ...(pg ? { databaseUrl: pg.url } : {}) });
  try {
    return await measureKnowledgeLoop(database, kb);
  } finally {
    await database.close();
    await pg?.drop();
    dir.remove();
  }
}

/** SQLite; `KNOWLEDGE_LOOP_PG=1` adds PostgreSQL columns (the run then takes about three times as long). */
export async function run(): Promise<void> {
  const kb = await createKnowledgeBase({ dir: STARTER_KB });
  try {
    const reports = [await onBackend(kb)];
    if (process.env.KNOWLEDGE_LOOP_PG === '1') reports.push(await onBackend(kb, 'postgres'));
    const [sqlite] = reports as [LoopBenchReport];
    const p = sqlite.plant;
    const backends = ['SQLite', 'PostgreSQL'].slice(0, reports.length);
    printTable(
      `Knowledge loop — ${p.questions} questions over 4 weeks in 5 channels (${p.answered} answered, ${p.abstained} abstained on ${p.gapTopics} topics, ${p.thumbsDown} 👎, ${p.thumbsUp} 👍), ${p.tickets} tickets in 3 queues (${p.ticketsFromAnswers} from answers' threads), ${sqlite.times[0]?.length} runs`,
      backends.flatMap((b) => [`${b} p50`, `${b} p95`]),
      loopColumns(reports),
    );
    console.log(
      `Every run checked: ${reports.map((r) => r.gaps).join(' / ')} gaps for ${p.gapTopics} planted topics (tolerance ±${gapTolerance}), every abstention and 👎 in one; deflection counts exact; none of ${p.identifiers.length} seeded identifiers in any output. Seeding took ${reports.map((r) => `${(r.seedMs / 1000).toFixed(1)} s`).join(' / ')}.`,
    );
  } finally {
    await kb.close();
  }
}

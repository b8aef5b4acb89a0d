import { readFile } from 'node:fs/promises';
import { createKnowledgeBase } from '../src/kb/index.js';
import { percentile } from './stats.js';

// Runs in its own process (node --expose-gc) so RSS reflects one KB only: argv = dir cacheDir questionsJson.
const [dir, cacheDir, questionsFile] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

gc();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const kb = await createKnowledgeBase({ dir, cacheDir });
const readyMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
// CPU time (user + system, all threads) next to wall time: the wall clock suffers on a shared machine.
const cpuMs = (cpu.user + cpu.system) / 1000;
gc();
const rssMb = process.memoryUsage().rss / 2 ** 20;
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as string[];
for (const q of questions) await kb.search(q, { limit: 5 }); // warm-up
const times: number[] = [];
const cpuTimes: number[] = [];
for (let round = 0; round < 3; round++)
  for (const q of questions) {
    const t = performance.now();
    const c = process.cpuUsage();
    await kb.search(q, { limit: 5 });
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpuTimes.push((used.user + used.system) / 1000);
  }
const peakRssMb = process.resourceUsage().maxRSS / 1024;
await kb.close();
const stats = kb.stats();
process.stdout.write(
  `${JSON.stringify({
    readyMs,
    cpuMs,
    rssMb,
    heapMb,
    peakRssMb,
    documents: stats.documents,
    chunks: stats.chunks,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpuP50: percentile(cpuTimes, 50),
    cpuP99: percentile(cpuTimes, 99),
    queries: times.length,
  })}\n`,
);

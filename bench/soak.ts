import { existsSync } from 'node:fs';
import { tempDir } from '../test/helpers/temp-dir.js';
import { trafficContext } from './soak-context.js';
import { runLoad } from './soak-load.js';
import { cpuSeconds, rssMb, type Target } from './soak-process.js';
import { createReplyLedger, type ReplyReport } from './soak-replies.js';
import { formatSoak, type SoakFigures, verdict } from './soak-report.js';
import { startResponseSink, startWorkspaceProcess } from './soak-slack-side.js';
import { type SlackSide, startBareBoltProcess, startDeskProcess } from './soak-targets.js';
import {
  buildRequest,
  invalidClasses,
  mix,
  type SoakClass,
  type TrafficContext,
  validClasses,
} from './soak-traffic.js';
import { printTable } from './stats.js';

/**
 * Soak: SOAK_SECONDS (default 120) of mixed signed traffic at SOAK_RATE requests/s (default 30), open loop,
 * against PACS Desk as `npm start` runs it (a child process: its RSS is its own), then against a bare Bolt
 * app under the same load. SOAK_HOSTILE=0 leaves out stray paths, oversized, malformed and badly signed requests.
 */
export async function run(): Promise<void> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 120);
  const rate = Number(process.env.SOAK_RATE ?? 30);
  const hostile = process.env.SOAK_HOSTILE !== '0';
  const warmupSeconds = Math.round(Math.min(10, Math.max(2, seconds / 6)));
  if (!existsSync(new URL('../dist/main.js', import.meta.url))) {
    console.log('\nSoak: dist/main.js missing; run `npm run build` first (npm run bench does).');
    return;
  }
  const dir = tempDir('bench-soak-');
  const slack: SlackSide = { apiUrl: '', signingSecret: 'soak-signing-secret', botToken: 'xoxb-soak-bench' };
  const ws = await startWorkspaceProcess(slack.signingSecret, slack.botToken, dir.path);
  slack.apiUrl = ws.apiUrl;
  const sink = await startResponseSink();
  const order = hostile ? mix : mix.filter((k) => (validClasses as readonly string[]).includes(k));
  const figures: SoakFigures[] = [];
  try {
    const desk = await startDeskProcess(slack, `${dir.path}/desk`);
    await ws.setBotEventsUrl(`${desk.url}/slack/events`);
    const ctx = await trafficContext(ws.url, slack.signingSecret, sink.url, desk.url);
    const ledger = createReplyLedger(ws.url, ctx.user.id, ctx.channel, sink.received);
    figures.push(
      await soak(desk, 'PACS Desk', ctx, order, { rate, seconds, warmupSeconds, workspacePid: ws.pid }, ledger),
    );
    if (process.env.SOAK_BASELINE !== '0') {
      const bolt = await startBareBoltProcess(slack);
      await ws.setBotEventsUrl(`${bolt.url}/slack/events`);
      figures.push(
        await soak(bolt, 'bare Bolt (baseline)', ctx, order, { rate, seconds, warmupSeconds, workspacePid: ws.pid }),
      );
    }
  } finally {
    await sink.stop();
    await ws.stop();
    dir.remove();
  }
  printTable(
    `Soak — ${seconds} s at ${rate} req/s open loop after ${warmupSeconds} s warm-up, ${hostile ? 'with' : 'without'} hostile requests; each bot in its own process`,
    figures.map((f) => f.name),
    formatSoak(figures, [...validClasses, ...(hostile ? invalidClasses : [])]),
  );
  console.log(
    'Ack latency is measured from when each request was due (open loop). "stray" includes a signed url_verification to /slack/events/, which PACS Desk normalises to /slack/events and answers (200); the rest are 404/405. A 413 closes the connection unread, so a client still writing 2 MiB may see a reset instead.',
  );
  const failures = verdict(figures[0]);
  if (failures.length === 0)
    console.log(
      'Soak passed: 0 errors on valid requests, 0 5xx, all replies posted, no double reply, peak RSS growth < 20%.',
    );
  else {
    console.error(`Soak FAILED: ${failures.join('; ')}`);
    for (const example of figures[0]?.replies?.threads.examples ?? []) console.error(`  double reply in ${example}`);
    process.exitCode = 1;
  }
}

interface Pace {
  workspacePid: number;
  rate: number;
  seconds: number;
  warmupSeconds: number;
}

async function soak(
  target: Target,
  name: string,
  ctx: TrafficContext,
  order: readonly SoakClass[],
  pace: Pace,
  ledger?: ReturnType<typeof createReplyLedger>,
): Promise<SoakFigures> {
  let n = 0;
  const build = () => {
    const i = n++;
    return buildRequest(ctx, i, order[i % order.length]);
  };
  const rssIdle = rssMb(target.pid);
  try {
    // Warm-up replies are owed too (the ledger counts every 👍 "Thanks" in the channel).
    await runLoad({
      baseUrl: target.url,
      rate: pace.rate,
      seconds: pace.warmupSeconds,
      build,
      onResult: ledger?.record,
    });
    const rssStart = rssMb(target.pid);
    const rssSamples = [rssStart];
    const cpuStart = [cpuSeconds(target.pid), cpuSeconds(pace.workspacePid), process.cpuUsage()] as const;
    const wallStart = performance.now();
    const sampler = setInterval(() => {
      if (!target.exited()) rssSamples.push(rssMb(target.pid));
    }, 1000);
    const { result, maxLagMs } = await runLoad({
      baseUrl: target.url,
      rate: pace.rate,
      seconds: pace.seconds,
      build,
      onResult: ledger?.record,
    });
    clearInterval(sampler);
    const wall = (performance.now() - wallStart) / 1000;
    const cpuShare = {
      bot: (cpuSeconds(target.pid) - cpuStart[0]) / wall,
      workspace: (cpuSeconds(pace.workspacePid) - cpuStart[1]) / wall,
      generator: (() => {
        const used = process.cpuUsage(cpuStart[2]);
        return (used.user + used.system) / 1e6 / wall;
      })(),
    };
    const alive = !target.exited();
    const rssEnd = alive ? rssMb(target.pid) : Number.NaN;
    const replies: ReplyReport | undefined = ledger ? await ledger.settle() : undefined;
    return {
      name,
      result,
      maxLagMs,
      rssIdle,
      rssStart,
      rssEnd,
      rssPeak: Math.max(...rssSamples, rssEnd || 0),
      rssSamples,
      cpuShare,
      alive,
      replies,
      errorLogs: target.errorLines().length,
    };
  } finally {
    await target.stop();
  }
}

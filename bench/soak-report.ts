import type { LoadResult } from './soak-load.js';
import type { ReplyCount, ReplyReport } from './soak-replies.js';
import { type SoakClass, validClasses } from './soak-traffic.js';
import { percentile } from './stats.js';

export interface SoakFigures {
  name: string;
  result: LoadResult;
  maxLagMs: number;
  /** Before any soak traffic (the bot has started; PACS Desk has answered one seed question). */
  rssIdle: number;
  /** After the warm-up: the figure growth is measured from. */
  rssStart: number;
  rssEnd: number;
  rssPeak: number;
  /** One sample a second during the measured load. */
  rssSamples: number[];
  /** CPU time over wall time during the measured load (1 = one core busy): the bot, the workspace, this process. */
  cpuShare: { bot: number; workspace: number; generator: number };
  alive: boolean;
  /** Only for PACS Desk: the baseline acks with nothing and owes no reply. */
  replies?: ReplyReport;
  errorLogs?: number;
}

const maxRssGrowth = 0.2;
const isValid = (c: SoakClass) => (validClasses as readonly string[]).includes(c);

function count(f: SoakFigures, pick: (c: SoakClass, status: number) => boolean): number {
  let n = 0;
  for (const [c, r] of f.result) for (const [status, k] of r.statuses) if (pick(c, status)) n += k;
  return n;
}

export const validErrors = (f: SoakFigures) => count(f, (c, s) => isValid(c) && s !== 200);
export const serverErrors = (f: SoakFigures) => count(f, (_c, s) => s >= 500);
const noResponse = (f: SoakFigures) => count(f, (_c, s) => s === 0);
const rssGrowth = (f: SoakFigures) => f.rssEnd / f.rssStart - 1;
/**
 * V8 lets the old space fill to a limit before a full GC, so RSS saws up and down by tens of MB with a
 * flat live heap, and two single samples mostly show where in that cycle they fell. The gate compares the
 * highest RSS of the first third of the run with the highest of the last third (each spans full GC cycles):
 * retained memory raises the later peaks, the sawtooth does not.
 */
function peakThirds(f: SoakFigures): [number, number] {
  const third = Math.max(1, Math.floor(f.rssSamples.length / 3));
  return [Math.max(...f.rssSamples.slice(0, third)), Math.max(...f.rssSamples.slice(-third))];
}
const peakGrowth = (f: SoakFigures) => {
  const [first, last] = peakThirds(f);
  return last / first - 1;
};
const missing = (r: ReplyCount) => r.expected - r.posted;

function classCell(f: SoakFigures, c: SoakClass): string {
  const r = f.result.get(c);
  if (!r) return '—';
  const statuses = [...r.statuses]
    .sort((a, b) => a[0] - b[0])
    .map(([s, k]) => `${s === 0 ? 'no response' : s}×${k}`)
    .join(' ');
  return `${statuses} · ${percentile(r.latencies, 50).toFixed(1)} / ${percentile(r.latencies, 99).toFixed(1)} ms`;
}

const replyCell = (r: ReplyCount | undefined) => (r ? `${r.posted} / ${r.expected}` : '—');

/** Rows of the side-by-side table: one column per system. */
export function formatSoak(figures: SoakFigures[], classes: SoakClass[]): [string, ...string[]][] {
  const row = (label: string, cell: (f: SoakFigures) => string): [string, ...string[]] => [label, ...figures.map(cell)];
  const validLatencies = (f: SoakFigures) => [...f.result].filter(([c]) => isValid(c)).flatMap(([, r]) => r.latencies);
  return [
    row('requests sent', (f) => String([...f.result.values()].reduce((s, r) => s + r.sent, 0))),
    ...classes.map((c) => row(`${c}: status×count · ack p50 / p99`, (f) => classCell(f, c))),
    row('valid requests: ack p50 / p99', (f) => {
      const l = validLatencies(f);
      return `${percentile(l, 50).toFixed(1)} / ${percentile(l, 99).toFixed(1)} ms`;
    }),
    row('errors on valid requests (must be 0)', (f) => String(validErrors(f))),
    row('5xx (must be 0)', (f) => String(serverErrors(f))),
    row('no HTTP response (reset, refused, 30 s)', (f) => String(noResponse(f))),
    row('replies (warm-up incl.): mention/DM threads answered', (f) => replyCell(f.replies?.threads)),
    row('replies: /pacs response_url posts', (f) => replyCell(f.replies?.commands)),
    row('replies: 👍 "Thanks" ephemerals (one per person and answer per 10 s)', (f) => replyCell(f.replies?.thanks)),
    row('double replies', (f) =>
      f.replies ? String(f.replies.threads.extra + f.replies.commands.extra + f.replies.thanks.extra) : '—',
    ),
    row('error-level log lines', (f) => (f.errorLogs === undefined ? '—' : String(f.errorLogs))),
    row(
      'RSS after warm-up → end (growth)',
      (f) => `${f.rssStart.toFixed(0)} → ${f.rssEnd.toFixed(0)} MB (${(rssGrowth(f) * 100).toFixed(1)}%)`,
    ),
    row('RSS peak, first third → last third (growth; must be < 20%)', (f) => {
      const [first, last] = peakThirds(f);
      return `${first.toFixed(0)} → ${last.toFixed(0)} MB (${(peakGrowth(f) * 100).toFixed(1)}%)`;
    }),
    row('RSS before any soak traffic', (f) => `${f.rssIdle.toFixed(0)} MB`),
    row('RSS peak', (f) => `${f.rssPeak.toFixed(0)} MB`),
    row('RSS at each tenth of the run (MB)', (f) =>
      Array.from({ length: 11 }, (_, i) => f.rssSamples[Math.round((i * (f.rssSamples.length - 1)) / 10)] ?? 0)
        .map((v) => v.toFixed(0))
        .join(' '),
    ),
    row('CPU, share of one core: bot / workspace / load generator', (f) =>
      [f.cpuShare.bot, f.cpuShare.workspace, f.cpuShare.generator].map((c) => `${(c * 100).toFixed(0)}%`).join(' / '),
    ),
    row('process alive at the end', (f) => (f.alive ? 'yes' : 'NO')),
    row('load generator max lag', (f) => `${f.maxLagMs.toFixed(1)} ms`),
  ];
}

/** What makes the soak fail for PACS Desk; empty when it passed. */
export function verdict(f: SoakFigures | undefined): string[] {
  if (!f) return ['no figures'];
  const failures: string[] = [];
  if (!f.alive) failures.push('the bot process died');
  if (validErrors(f) > 0) failures.push(`${validErrors(f)} valid requests not answered 200`);
  if (serverErrors(f) > 0) failures.push(`${serverErrors(f)} responses were 5xx`);
  if (!(peakGrowth(f) < maxRssGrowth))
    failures.push(`peak RSS grew ${(peakGrowth(f) * 100).toFixed(1)}% from the first to the last third (limit 20%)`);
  if (f.replies) {
    const r = f.replies;
    const lost = missing(r.threads) + missing(r.commands) + missing(r.thanks);
    const extra = r.threads.extra + r.commands.extra + r.thanks.extra;
    if (lost > 0) failures.push(`${lost} replies missing`);
    if (extra > 0) failures.push(`${extra} double replies`);
  }
  return failures;
}

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createChannelDirectory } from '../channels/channel-directory.js';
import { type Clock, systemClock } from '../core/clock.js';
import { createIncidentLog } from '../pacs/monitors/incident-log.js';
import { digestSections } from '../report/digest-blocks.js';
import { incidentSource } from '../report/incident-source.js';
import { loopSources } from '../report/loop-sources.js';
import { renderPng } from '../report/render-png.js';
import { weeklyChartSvg } from '../report/weekly-chart.js';
import { buildWeeklyReport, type Period, type WeeklyReport } from '../report/weekly-report.js';
import { createWeeklySources } from '../report/weekly-sources.js';
import { createTicketStore } from '../tickets/ticket-store.js';
import { loadCliConfig, withCliDatabase } from './cli-config.js';
import { type CliIo, UsageError } from './io.js';

export interface ReportArgs {
  sub: string | undefined;
  since?: string;
  json: boolean;
  png?: string;
  /** For tests: the report's "now". */
  now?: Clock;
}

const weekMs = 7 * 24 * 3600_000;

/** The last 7 days ending now, or the 7 days from `--since` (00:00 UTC), cut off at now. */
export function reportPeriod(since: string | undefined, now: Date): Period {
  if (since === undefined) return { since: new Date(now.getTime() - weekMs), until: now };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since)))
    throw new UsageError('--since takes a date as YYYY-MM-DD');
  const from = new Date(`${since}T00:00:00Z`);
  return { since: from, until: new Date(Math.min(from.getTime() + weekMs, now.getTime())) };
}

const plain = (report: WeeklyReport) =>
  `PACS Desk weekly report, ${report.since} to ${report.until}\n\n${digestSections(report)
    .map((s) => `${s.title}\n${s.lines.map((l) => `  ${l.replaceAll('*', '')}`).join('\n')}`)
    .join('\n\n')}\n`;

/**
 * `pacs-desk report weekly [--since YYYY-MM-DD] [--json|--png FILE]`: the manager digest's data (JSON or text),
 * or its chart as a PNG file. Reads the bot's own store and the channels file. Returns the exit code.
 *
 * @example await runReport(processIo, { sub: 'weekly', json: true })
 */
export async function runReport(io: CliIo, args: ReportArgs): Promise<number> {
  if (args.sub !== 'weekly') throw new UsageError(`report: unknown subcommand "${args.sub ?? ''}" (weekly)`);
  if (args.json && args.png) throw new UsageError('report weekly takes --json or --png FILE, not both');
  const period = reportPeriod(args.since, new Date((args.now ?? systemClock)()));
  const config = loadCliConfig(io);
  const channels = createChannelDirectory(config.channels.parsed, config.tickets);
  const report = await withCliDatabase(config, (database) =>
    buildWeeklyReport(
      createWeeklySources({
        tickets: createTicketStore(database),
        channels,
        ...loopSources(database),
        incidents: incidentSource(createIncidentLog(database)),
      }),
      period,
    ),
  );
  if (args.png) {
    const path = resolve(io.cwd, args.png);
    await writeFile(path, renderPng(weeklyChartSvg(report)));
    io.stdout(`${path}\n`);
  } else io.stdout(args.json ? `${JSON.stringify(report)}\n` : plain(report));
  return 0;
}

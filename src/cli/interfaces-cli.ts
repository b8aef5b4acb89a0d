import { interfacesReportFor, noInterfaceEngine } from '../compose/interfaces-engine.js';
import { systemClock } from '../core/clock.js';
import { createFetch } from '../core/http.js';
import type { InterfacesReport } from '../interfaces/interfaces-report.js';
import { loadCliConfig } from './cli-config.js';
import { type CliIo, UsageError } from './io.js';

/**
 * `pacs-desk pacs interfaces [--json]`: the interface engine's channels, problems first. JSON:
 * `{"engine","checkedAt","channels":[{"id","name","state","received","queued","errored","lastMessageAt","problems"}],
 * "problems"}` (`lastMessageAt` ISO or null; `problems` counts the channels with any). An engine that cannot be read
 * exits 1 with its cause (with --json also `{"engine","checkedAt","error":{"code","cause"}}` on stdout).
 */
export async function runInterfacesCli(io: CliIo, args: { json: boolean }): Promise<number> {
  const config = loadCliConfig(io);
  const report = await interfacesReportFor({
    interfaces: config.interfaces,
    fetch: createFetch({ timeoutMs: config.httpTimeoutMs }),
    now: systemClock,
  });
  if (!report) throw new UsageError(noInterfaceEngine);
  if ('error' in report) {
    const { engine, checkedAt, error } = report;
    if (args.json)
      io.stdout(`${JSON.stringify({ engine, checkedAt, error: { code: error.code, cause: error.cause } })}\n`);
    io.stderr(`pacs-desk: ${error.cause}\n`);
    return 1;
  }
  io.stdout(args.json ? `${JSON.stringify(interfacesJson(report))}\n` : interfacesText(report));
  return 0;
}

/** The JSON contract (documented in README "Interface engine"). */
export function interfacesJson(report: InterfacesReport) {
  return {
    engine: report.engine,
    checkedAt: report.checkedAt,
    channels: report.channels.map((c) => ({
      id: c.id,
      name: c.name,
      state: c.state,
      received: c.received,
      queued: c.queued,
      errored: c.errored,
      lastMessageAt: c.lastMessageAt ?? null,
      problems: c.problems,
    })),
    problems: report.totals.withProblems,
  };
}

/** One line per channel for a terminal: `!` marks a channel with problems, which follow on the next line. */
function interfacesText(report: InterfacesReport): string {
  const t = report.totals;
  const lines = [
    `${report.engine}: ${t.channels} channels, ${t.withProblems} with problems, ${t.queued} queued, ${t.errored} errored (checked ${report.checkedAt})`,
    ...report.channels.flatMap((c) => [
      `${c.problems.length ? '!' : ' '} ${c.name}  ${c.state}  received ${c.received}  queued ${c.queued}  errored ${c.errored}  last message ${c.lastMessageAt ?? 'unknown'}`,
      ...(c.problems.length ? [`    ${c.problems.join('; ')}`] : []),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

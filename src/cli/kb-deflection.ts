import { type Clock, systemClock } from '../core/clock.js';
import { type DeflectionCounts, type DeflectionSummary, deflectionSummary } from '../knowledge-loop/deflection.js';
import { rangeSince } from '../knowledge-loop/time-range.js';
import { loadCliConfig, withCliDatabase } from './cli-config.js';
import { type CliIo, UsageError } from './io.js';

export interface KbDeflectionArgs {
  since?: string;
  json: boolean;
  /** For tests: the report's "now". */
  now?: Clock;
}

/** `pacs-desk kb deflection [--since YYYY-MM-DD] [--json]`: answers that needed no ticket, per channel and week. */
export async function runKbDeflection(io: CliIo, args: KbDeflectionArgs): Promise<number> {
  const range = rangeSince(args.since, (args.now ?? systemClock)());
  if (!range) throw new UsageError('--since takes a date: YYYY-MM-DD');
  const summary = await withCliDatabase(loadCliConfig(io), (database) => deflectionSummary(database, range));
  io.stdout(args.json ? `${JSON.stringify(summary)}\n` : formatDeflection(summary));
  return 0;
}

const columns: [keyof DeflectionCounts, string][] = [
  ['questions', 'ASKED'],
  ['answered', 'ANSWERED'],
  ['answeredNoTicket', 'NO TICKET 1D'],
  ['ticketsFromAnswers', 'TICKETS'],
  ['thumbsUp', '👍'],
  ['thumbsDown', '👎'],
  ['guidedResolutions', 'FIXED BY STEPS'],
];

function row(label: string, c: DeflectionCounts): string {
  return `${label.padEnd(14)}${columns.map(([k, h]) => String(c[k]).padEnd(h.length + 2)).join('')}`;
}

export function formatDeflection(s: DeflectionSummary): string {
  const header = (first: string) => `${first.padEnd(14)}${columns.map(([, h]) => h.padEnd(h.length + 2)).join('')}`;
  return [
    `Deflection ${s.since.slice(0, 10)} to ${s.until.slice(0, 10)}`,
    '',
    header('CHANNEL'),
    ...s.byChannel.map((c) => row(c.channel, c)),
    row('all', s),
    '',
    header('WEEK'),
    ...s.byWeek.map((w) => row(w.week, w)),
    '',
  ].join('\n');
}

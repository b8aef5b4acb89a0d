import { type Clock, systemClock } from '../core/clock.js';
import { createLoopQueries } from '../feedback/loop-queries.js';
import { type KbGap, kbGaps } from '../knowledge-loop/kb-gaps.js';
import { rangeSince } from '../knowledge-loop/time-range.js';
import { withCliDatabase } from './cli-config.js';
import { type CliIo, UsageError } from './io.js';
import { loadCliCore } from './load-cli-core.js';

export interface KbGapsArgs {
  since?: string;
  json: boolean;
  kbDir?: string;
  /** For tests: the report's "now". */
  now?: Clock;
}

/** `pacs-desk kb gaps [--since YYYY-MM-DD] [--json]`: what the KB could not answer, grouped by topic. */
export async function runKbGaps(io: CliIo, args: KbGapsArgs): Promise<number> {
  const range = rangeSince(args.since, (args.now ?? systemClock)());
  if (!range) throw new UsageError('--since takes a date: YYYY-MM-DD');
  const core = await loadCliCore(io, { kbDir: args.kbDir });
  try {
    const gaps = await withCliDatabase(core.config, (database) =>
      kbGaps({ queries: createLoopQueries(database), kb: core.kb }, range),
    );
    io.stdout(args.json ? `${JSON.stringify(gaps)}\n` : formatGaps(gaps, range.since));
    return 0;
  } finally {
    await core.close();
  }
}

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** A table: one line per topic, then its questions and nearest page indented. */
export function formatGaps(gaps: KbGap[], since: string): string {
  if (gaps.length === 0) return `No abstained or 👎 questions since ${since.slice(0, 10)}.\n`;
  const lines = [`KB gaps since ${since.slice(0, 10)} (abstained or 👎), biggest first`, ''];
  lines.push(`${'COUNT'.padEnd(6)}${'ABST'.padEnd(6)}${'👎'.padEnd(5)}${'TOPIC'.padEnd(32)}CHANNELS`);
  for (const g of gaps) {
    lines.push(
      `${String(g.count).padEnd(6)}${String(g.reasons.abstained).padEnd(6)}${String(g.reasons.thumbsDown).padEnd(5)}${cut(g.topic, 30).padEnd(32)}${g.channels.join(' ') || '-'}`,
    );
    for (const q of g.questions.slice(0, 3)) lines.push(`      “${cut(q, 100)}”`);
    if (g.questions.length > 3) lines.push(`      … and ${g.questions.length - 3} more`);
    const near = g.nearest[0];
    lines.push(`      nearest: ${near ? `${near.source}${near.heading ? ` › ${near.heading}` : ''}` : 'none'}`);
  }
  return `${lines.join('\n')}\n`;
}

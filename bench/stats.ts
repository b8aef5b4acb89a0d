/** Nearest-rank percentile of a sample (ms). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Prints a markdown table: a metric column, then one column per system. */
export function printTable(title: string, columns: string[], rows: [string, ...string[]][]): void {
  const widths = [
    Math.max(6, ...rows.map((r) => r[0].length)),
    ...columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i + 1] ?? '').length))),
  ];
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(['metric', ...columns]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Runs `fn` `warmup` times unmeasured, then `n` times, one after another; the durations in ms. */
export async function timed(n: number, fn: () => Promise<unknown>, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * `warmup` unmeasured runs of every row, then `rounds` rounds of every row, each round in a rotated order, so drift
 * on a shared machine hits all rows alike. Returns the ms of each row, in row order.
 */
export async function rotated(rounds: number, rows: (() => Promise<unknown>)[], warmup = 0): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const row of rows) await row();
  const times = rows.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < rows.length; k++) {
      const i = (round + k) % rows.length;
      const started = performance.now();
      await rows[i]?.();
      times[i]?.push(performance.now() - started);
    }
  }
  return times;
}

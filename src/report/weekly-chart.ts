import type { WeeklyReport } from './weekly-report.js';

export const chartSize = { width: 800, height: 420 } as const;

const colors = { opened: '#1264a3', resolved: '#2eb67d', slaBreaches: '#e01e5a' } as const;
const series = [
  ['opened', 'Opened'],
  ['resolved', 'Resolved'],
  ['slaBreaches', 'SLA breaches'],
] as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A round axis maximum (1, 2, 5 × 10^n) at or above `max`, at least 4 so small weeks still get gridlines. */
function axisMax(max: number): number {
  const target = Math.max(4, max);
  const power = 10 ** Math.floor(Math.log10(target));
  return ([1, 2, 5, 10].map((m) => m * power).find((v) => v >= target) ?? target) as number;
}

/**
 * The digest's chart as SVG: per queue, bars of tickets opened, resolved and SLA breaches in the week. Text
 * uses DejaVu Sans (installed with the Debian fonts), which `renderPng` loads.
 *
 * @example weeklyChartSvg(report).startsWith('<svg')
 */
export function weeklyChartSvg(report: WeeklyReport): string {
  const { width, height } = chartSize;
  const plot = { left: 60, right: width - 20, top: 70, bottom: height - 60 };
  const queues = report.queues.length ? report.queues : [];
  const top = axisMax(Math.max(0, ...queues.flatMap((q) => [q.opened, q.resolved, q.slaBreaches])));
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * v) / top;
  const slot = (plot.right - plot.left) / Math.max(1, queues.length);
  const bar = Math.min(40, (slot * 0.7) / series.length);
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="32" font-size="20" font-weight="bold" fill="#1d1c1d">Tickets by queue</text>`,
    `<text x="20" y="54" font-size="13" fill="#616061">${esc(`${report.since.slice(0, 10)} to ${report.until.slice(0, 10)}`)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    parts.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y(v)}" y2="${y(v)}" stroke="#dddddd"/>`,
      `<text x="${plot.left - 8}" y="${y(v) + 4}" font-size="12" text-anchor="end" fill="#616061">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`,
    );
  }
  queues.forEach((q, i) => {
    const x0 = plot.left + slot * i + (slot - bar * series.length) / 2;
    series.forEach(([key], j) => {
      const v = q[key];
      const x = x0 + bar * j;
      parts.push(
        `<rect x="${x}" y="${y(v)}" width="${bar - 4}" height="${plot.bottom - y(v)}" fill="${colors[key]}"/>`,
      );
      parts.push(
        `<text x="${x + (bar - 4) / 2}" y="${y(v) - 5}" font-size="12" text-anchor="middle" fill="#1d1c1d">${v}</text>`,
      );
    });
    parts.push(
      `<text x="${plot.left + slot * i + slot / 2}" y="${plot.bottom + 20}" font-size="13" text-anchor="middle" fill="#1d1c1d">${esc(q.id)}</text>`,
    );
  });
  if (!queues.length)
    parts.push(
      `<text x="${width / 2}" y="${height / 2}" font-size="16" text-anchor="middle" fill="#616061">No tickets</text>`,
    );
  series.forEach(([key, label], j) => {
    const x = plot.left + j * 150;
    parts.push(
      `<rect x="${x}" y="${height - 28}" width="14" height="14" fill="${colors[key]}"/>`,
      `<text x="${x + 20}" y="${height - 16}" font-size="13" fill="#1d1c1d">${label}</text>`,
    );
  });
  parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#616061"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">${parts.join('')}</svg>`;
}

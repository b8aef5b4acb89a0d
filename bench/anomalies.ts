import { createFetch } from '../src/core/http.js';
import { type AnomaliesResult, findAnomalies, maxAnomaliesListed } from '../src/pacs/checks/anomalies.js';
import { sweepAnomalies } from '../src/pacs/checks/anomalies-sweep.js';
import { checkSettings } from '../src/pacs/checks/check-settings.js';
import type { CheckContext } from '../src/pacs/checks/check-types.js';
import { createConnector } from '../src/pacs/connectors/create-connector.js';
import { buildQidoQuery } from '../src/pacs/connectors/qido-search.js';
import type { PacsConnector, StudyRecord } from '../src/pacs/types.js';
import { startOrthanc, type TestOrthanc } from '../test/helpers/orthanc-server.js';
import { orthancSite } from '../test/helpers/pacs-site-config.js';
import { benchDays, benchNow, seedAnomalyBench, verifyCounts } from './anomalies-plant.js';
import { ms, percentile, printTable, rotated, timed } from './stats.js';

export interface AnomaliesBenchOptions {
  /** Studies over both sites, planted anomalies included. */
  studies?: number;
  /** Timed runs of each archive row, after one unmeasured sweep. */
  rounds?: number;
  /** Timed runs of the in-memory sweep. */
  pureRounds?: number;
}

/** Durations in ms, and the answer the sweep gave (checked against the planted counts before it is returned). */
export interface AnomaliesBenchReport {
  studies: number;
  seedMs: number;
  /** The first sweep's answer (synthetic studies only). */
  result: AnomaliesResult;
  qido: number[];
  connectors: number[];
  sweep: number[];
  pure: number[];
}

const site = (id: string, o: TestOrthanc, fetch: typeof globalThis.fetch): PacsConnector =>
  createConnector(orthancSite(id, o), { fetch, retries: 0 });

/** The baseline: the same QIDO-RS query the connector sends, to both sites at once, answer parsed; nothing else. */
function bareQido(sites: TestOrthanc[], query: string) {
  return async () => {
    const answers = await Promise.all(
      sites.map(async (o) => {
        const authorization = `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
        const response = await fetch(`${o.dicomwebUrl}/studies?${query}`, {
          headers: { authorization, accept: 'application/dicom+json' },
        });
        return (await response.json()) as unknown[];
      }),
    );
    return answers.reduce((sum, a) => sum + a.length, 0);
  };
}

/** Two real Orthanc sites with `studies` studies of the last 7 days; every row is timed on the same data. */
export async function measureAnomalies(options: AnomaliesBenchOptions = {}): Promise<AnomaliesBenchReport> {
  const { studies = 10_000, rounds = 5, pureRounds = 50 } = options;
  const [main, east] = await Promise.all([startOrthanc({ seed: false }), startOrthanc({ seed: false })]);
  try {
    const seedMs = await seedAnomalyBench(main, east, studies);
    const fetch = createFetch({ timeoutMs: 120_000 });
    const connectors = new Map([site('main', main, fetch), site('east', east, fetch)].map((c) => [c.site.id, c]));
    const settings = checkSettings();
    const ctx: CheckContext = { connectors, defaultSite: 'main', now: () => benchNow.getTime(), settings };
    const args = { days: benchDays };

    // The first sweep warms both archives for every row (same QIDO and /tools/find) and gives the date range.
    const result = await findAnomalies(ctx, args);
    verifyCounts('/pacs anomalies', studies, result);
    if (result.truncated.length > 0 || result.unreachable.length > 0) {
      throw new Error(`truncated [${result.truncated.join(',')}], unreachable [${result.unreachable.join(',')}]`);
    }
    const window = { studyDate: result.range, limit: settings.sweepLimit };
    const qidoOnce = bareQido([main, east], buildQidoQuery(window));
    const all = [...connectors.values()];
    let records: StudyRecord[] = [];
    const [qido = [], byConnectors = [], sweep = []] = await rotated(rounds, [
      async () => {
        const n = await qidoOnce();
        if (n !== studies) throw new Error(`bare QIDO: ${n} studies of ${studies}`);
      },
      async () => {
        records = (await Promise.all(all.map((c) => c.findStudies(window)))).flat();
      },
      async () => verifyCounts('/pacs anomalies', studies, await findAnomalies(ctx, args)),
    ]);

    const pure = await timed(pureRounds, async () => {
      verifyCounts('sweepAnomalies', studies, sweepAnomalies(records, settings, maxAnomaliesListed));
    });
    return { studies, seedMs, result, qido, connectors: byConnectors, sweep, pure };
  } finally {
    await Promise.all([main.stop(), east.stop()]);
  }
}

/** The table's rows: the sweep beside the bare QIDO it cannot go below, and the in-memory part alone. */
export function reportRows(r: AnomaliesBenchReport): [string, ...string[]][] {
  const p50 = (xs: number[]) => percentile(xs, 50);
  const base = p50(r.qido);
  const row = (label: string, xs: number[]): [string, ...string[]] => [
    label,
    ms(p50(xs)),
    ms(percentile(xs, 95)),
    (p50(xs) / base).toFixed(2),
  ];
  return [
    row('bare QIDO-RS of the window, both sites, JSON parsed (baseline)', r.qido),
    row('connector findStudies, both sites (QIDO + /tools/find merged)', r.connectors),
    row('/pacs anomalies sweep: findAnomalies (fetch + sweep)', r.sweep),
    row('sweepAnomalies in memory alone', r.pure),
  ];
}

export async function run(): Promise<void> {
  const r = await measureAnomalies();
  printTable(
    `Anomalies sweep — ${r.studies.toLocaleString('en-US')} studies of the last ${benchDays} days on two real Orthanc sites (loopback), ${r.sweep.length} runs (sweep in memory: ${r.pure.length})`,
    ['p50', 'p95', 'vs bare QIDO (p50)'],
    reportRows(r),
  );
  console.log(
    `Seeding ${r.studies.toLocaleString('en-US')} studies took ${(r.seedMs / 1000).toFixed(1)} s. Sweep ${r.result.range}: scanned ${r.result.scanned}, searched ${r.result.searched.join(', ')}, truncated [${r.result.truncated.join(', ')}], unreachable [${r.result.unreachable.join(', ')}]; found ${r.result.total} = ${JSON.stringify(r.result.counts)} (as planted).`,
  );
}

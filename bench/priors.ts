import { createAuditLog } from '../src/audit/audit-log.js';
import { createFetch } from '../src/core/http.js';
import { Role } from '../src/core/roles.js';
import { createDatabase } from '../src/db/create-database.js';
import { checkSettings } from '../src/pacs/checks/check-settings.js';
import type { CheckContext } from '../src/pacs/checks/check-types.js';
import { findPriors } from '../src/pacs/checks/priors.js';
import { createCheckRegistry } from '../src/pacs/checks/registry.js';
import { runCheck } from '../src/pacs/run-check.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import {
  type BenchSite,
  benchPatient,
  benchSites,
  expectedPriors,
  seedPriorsBench,
  siteConnectors,
  startSites,
  verifyPriors,
  verifySite,
} from './priors-plant.js';
import { ms, percentile, printTable, rotated } from './stats.js';

export interface PriorsBenchOptions {
  /** One-instance studies of other patients on each site, so the index is not empty. */
  noise?: number;
  /** Timed runs of each row, after `warmup` unmeasured ones. */
  rounds?: number;
  warmup?: number;
}

/** Durations in ms per row; every run's answer was checked against the plant before it was counted. */
export interface PriorsBenchReport {
  noise: number;
  seedMs: number;
  found: number;
  single: Record<BenchSite, number[]>;
  /** The site whose lone `findStudies` was slowest at p50: the baseline. */
  baselineSite: BenchSite;
  priors: number[];
  audited: number[];
  auditRecords: number;
}

/** Three real Orthanc sites with the patient's 4 + 3 + 2 studies among `noise` others each; all rows on the same data. */
export async function measurePriors(options: PriorsBenchOptions = {}): Promise<PriorsBenchReport> {
  const { noise = 300, rounds = 50, warmup = 5 } = options;
  const orthancs = await startSites();
  const dir = tempDir('bench-priors-');
  const opened = createDatabase({ dataDir: dir.path });
  try {
    const database = await opened;
    const seedMs = await seedPriorsBench(orthancs, noise);
    const connectors = siteConnectors(orthancs, createFetch({ timeoutMs: 10_000 }));
    const settings = checkSettings();
    const ctx: CheckContext = { connectors, defaultSite: 'main', now: Date.now, settings };
    const deps = { registry: createCheckRegistry(), ctx, audit: createAuditLog(database) };
    const query = { patientId: benchPatient.id, limit: settings.maxPriors + 1 };
    const request = { command: 'priors', text: `mrn:${benchPatient.id}`, actor: { userId: 'UBENCH' } } as const;

    const singleRows = benchSites.map((site) => async () => {
      verifySite('findStudies', site, (await connectors.get(site)?.findStudies(query)) ?? []);
    });
    const times = await rotated(
      rounds,
      [
        ...singleRows,
        async () => verifyPriors('findPriors', await findPriors(ctx, { by: 'mrn', id: benchPatient.id })),
        async () => {
          const outcome = await runCheck(deps, { ...request, role: Role.Associate, source: 'cli' });
          if (outcome.kind !== 'result' || outcome.id !== 'pacs.priors') throw new Error(`runCheck: ${outcome.kind}`);
          verifyPriors('runCheck priors', outcome.result);
        },
      ],
      warmup,
    );
    const auditRecords = (await deps.audit.list()).length;
    // Each audited lookup writes its query and the patient it showed.
    if (auditRecords !== 2 * (warmup + rounds)) throw new Error(`${auditRecords} audit records`);

    const single = Object.fromEntries(benchSites.map((site, i) => [site, times[i] ?? []])) as Record<
      BenchSite,
      number[]
    >;
    const p50 = (site: BenchSite) => percentile(single[site], 50);
    const baselineSite = benchSites.reduce((slowest, site) => (p50(site) > p50(slowest) ? site : slowest));
    const [priors = [], audited = []] = times.slice(benchSites.length);
    return { noise, seedMs, found: expectedPriors, single, baselineSite, priors, audited, auditRecords };
  } finally {
    await opened.then((database) => database.close()).catch(() => undefined);
    dir.remove();
    await Promise.all(benchSites.map((site) => orthancs[site].stop()));
  }
}

/** The table's rows: each site alone (the slowest is the baseline), the fan-out, and the audited check. */
export function reportRows(r: PriorsBenchReport): [string, ...string[]][] {
  const base = percentile(r.single[r.baselineSite], 50);
  const row = (label: string, xs: number[]): [string, ...string[]] => [
    label,
    ms(percentile(xs, 50)),
    ms(percentile(xs, 95)),
    (percentile(xs, 50) / base).toFixed(2),
  ];
  return [
    ...benchSites.map((site) =>
      row(
        `findStudies({ patientId }) on ${site} alone${site === r.baselineSite ? ' (baseline: slowest)' : ''}`,
        r.single[site],
      ),
    ),
    row(`findPriors across ${benchSites.length} sites in parallel (${r.found} copies)`, r.priors),
    row('/pacs priors via runCheck (parse, findPriors, 2 audit records on SQLite)', r.audited),
  ];
}

export async function run(): Promise<void> {
  const r = await measurePriors();
  printTable(
    `Priors — one patient's ${r.found} study copies on ${benchSites.length} real Orthanc sites (loopback), ${r.noise} other patients' studies per site, ${r.priors.length} runs`,
    ['p50', 'p95', 'vs one site (p50)'],
    reportRows(r),
  );
  console.log(
    `Seeding took ${(r.seedMs / 1000).toFixed(1)} s; every run found all ${r.found} copies; ${r.auditRecords} audit records written.`,
  );
}

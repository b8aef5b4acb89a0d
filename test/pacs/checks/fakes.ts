import { type CheckSettings, checkSettings } from '../../../src/pacs/checks/check-settings.js';
import type { CheckContext } from '../../../src/pacs/checks/check-types.js';
import type {
  AeAlias,
  EchoResult,
  PacsConnector,
  QueueTask,
  SiteConfig,
  SiteStatus,
  StudyQuery,
  StudyRecord,
} from '../../../src/pacs/types.js';

/** A synthetic site; aliases as in pacs-apis §5.5 (storescp up, offline refused). */
export function siteConfig(id: string, aliases: AeAlias[] = []): SiteConfig {
  return { id, name: `Site ${id}`, kind: 'orthanc', restUrl: `http://127.0.0.1:1/${id}`, aliases };
}

export interface FakeOptions {
  studies?: StudyRecord[];
  tasks?: QueueTask[];
  echo?: (alias: AeAlias) => Promise<EchoResult>;
  status?: () => Promise<SiteStatus>;
  /** Give the fake retryTask/cancelTask. */
  writes?: boolean;
  /** Ignore query keys, like a QIDO archive with a typo (pitfall 4). */
  ignoreQuery?: boolean;
  failFind?: boolean;
}

export interface FakeConnector extends PacsConnector {
  calls: { find: StudyQuery[]; listTasks: number; echo: string[]; status: number; retry: string[]; cancel: string[] };
}

const inRange = (date: string | undefined, range: string) => {
  const [from = '', to = ''] = range.split('-');
  const d = (date ?? '').replaceAll('-', '');
  return d !== '' && (from === '' || d >= from) && (to === '' || d <= to);
};

/** An in-memory connector over synthetic data that records every call. */
export function fakeConnector(site: SiteConfig, options: FakeOptions = {}): FakeConnector {
  const calls: FakeConnector['calls'] = { find: [], listTasks: 0, echo: [], status: 0, retry: [], cancel: [] };
  const connector: FakeConnector = {
    site,
    calls,
    async findStudies(query) {
      calls.find.push(query);
      if (options.failFind) throw new Error('connect ECONNREFUSED 10.1.2.3:8042 pacs.internal.example');
      const all = options.studies ?? [];
      const hits = options.ignoreQuery
        ? all
        : all.filter(
            (s) =>
              (query.accession === undefined || s.accession === query.accession) &&
              (query.patientId === undefined || s.patientId === query.patientId) &&
              (query.studyInstanceUid === undefined || s.studyInstanceUid === query.studyInstanceUid) &&
              (query.studyDate === undefined || inRange(s.studyDate, query.studyDate)),
          );
      return query.limit === undefined ? hits : hits.slice(0, query.limit);
    },
    async listTasks() {
      calls.listTasks++;
      return options.tasks ?? [];
    },
    async echo(alias) {
      calls.echo.push(alias.alias);
      return options.echo ? options.echo(alias) : { ok: true, ms: 3 };
    },
    async status() {
      calls.status++;
      return options.status ? options.status() : { site: site.id, reachable: true, latencyMs: 4, version: '1.10.1' };
    },
  };
  if (options.writes) {
    connector.retryTask = async (id) => void calls.retry.push(id);
    connector.cancelTask = async (id) => void calls.cancel.push(id);
  }
  return connector;
}

/** A check context over the given connectors (the first is the default site), clock fixed. */
export function fakeContext(
  connectors: FakeConnector[],
  settings: Partial<CheckSettings> = {},
  now = new Date('2026-11-29T12:00:00Z'),
): CheckContext {
  return {
    connectors: new Map(connectors.map((c) => [c.site.id, c])),
    defaultSite: connectors[0]?.site.id ?? 'main',
    now: () => now.getTime(),
    settings: checkSettings(settings),
  };
}

/** A synthetic study in the shape of pacs-apis §4 (s1). */
export function study(overrides: Partial<StudyRecord> = {}): StudyRecord {
  return {
    site: 'main',
    studyInstanceUid: '2.25.1001',
    accession: 'SYN0001',
    studyDate: '2026-11-28',
    modalities: ['CT', 'OT'],
    description: 'CT HEAD W/O CONTRAST',
    series: 2,
    instances: 2,
    patientId: 'SYN-PAT-001',
    patientName: 'TEST^ALICE',
    lastReceived: '2026-11-28T10:00:00Z',
    stable: true,
    ...overrides,
  };
}

/** A synthetic task in the Orthanc shape (pacs-apis §5.4). */
export function task(overrides: Partial<QueueTask> = {}): QueueTask {
  return {
    id: '6c97cdb9-0d4e-4c1f-9e55-3a1b2c3d4e5f',
    queue: 'DicomModalityStore→STORESCP',
    kind: 'DicomModalityStore',
    state: 'pending',
    rawState: 'Pending',
    createdAt: '2026-11-29T11:00:00Z',
    target: 'STORESCP',
    ...overrides,
  };
}

/**
 * The fastest of `runs` timings (ms): the algorithm's cost without the noise of a loaded CI machine
 * (JIT warm-up, GC, other test workers).
 */
export function fastestMs(fn: () => unknown, runs = 7): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

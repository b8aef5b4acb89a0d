import { buildInstances, bulkInstance, bulkStudy, syntheticStudies } from './dicom-fixtures.js';

/** What startOrthanc seeded: Orthanc ids of the synthetic studies (by key s1…s6) and of the store jobs. */
export interface OrthancSeed {
  /** ms from spawning Orthanc to `GET /system` = 200. */
  readyMs: number;
  studies: Record<string, { orthancId: string; studyUid: string }>;
  /** `slow[0]` is Running, `slow[1]` Pending behind it (ConcurrentJobs 1). Empty strings unless `jobs`. */
  jobs: { failed: string; succeeded: string; slow: string[] };
}

export type Upload = (body: Buffer) => Promise<{ ParentStudy: string }>;
type Api = (path: string, init?: { method?: string; body?: unknown }) => Promise<unknown>;

export async function seedStudies(upload: Upload): Promise<OrthancSeed['studies']> {
  const studies: OrthancSeed['studies'] = {};
  await Promise.all(
    syntheticStudies.map(async (s) => {
      for (const body of buildInstances(s)) {
        const { ParentStudy } = await upload(body);
        studies[s.key] = { orthancId: ParentStudy, studyUid: s.studyUid };
      }
    }),
  );
  return studies;
}

/** Store jobs in every state the connector maps: Failure, Success, Running and Pending. */
export async function seedJobs(api: Api, studies: OrthancSeed['studies']): Promise<OrthancSeed['jobs']> {
  const resource = studies.s2?.orthancId;
  if (!resource) throw new Error('seedJobs needs the seeded studies');
  const store = async (modality: string) => {
    const job = (await api(`/modalities/${modality}/store`, {
      body: { Resources: [resource], Asynchronous: true },
    })) as { ID: string };
    return job.ID;
  };
  // Order matters: with ConcurrentJobs 1 the slow store blocks the engine, so it goes last.
  const failed = await store('offline');
  await waitJobState(api, failed, 'Failure');
  const succeeded = await store('storescp');
  await waitJobState(api, succeeded, 'Success');
  const running = await store('slow');
  await waitJobState(api, running, 'Running');
  const pending = await store('slow');
  return { failed, succeeded, slow: [running, pending] };
}

/** Polls `GET /jobs/{id}` until its State is `state` (10 s at most). */
export async function waitJobState(api: Api, id: string, state: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = ((await api(`/jobs/${id}`)) as { State: string }).State;
    if (last === state) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${id} is ${last}, not ${state}, after 10 s`);
}

let bulkRun = 0;
const nextRunId = () => 10_000 + ((Date.now() + bulkRun++) % 89_999);

/** Runs `uploadOne(0…n-1)`, 16 in flight; returns elapsed ms. */
async function uploadAll(n: number, uploadOne: (index: number) => Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < n) await uploadOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(16, n) }, worker));
  return Date.now() - t0;
}

/** n one-instance studies, 16 uploads in flight; returns elapsed ms. Each call uses fresh UIDs. */
export async function seedMany(upload: Upload, n: number): Promise<number> {
  const runId = nextRunId();
  return uploadAll(n, (index) => upload(bulkInstance(index, runId)));
}

/**
 * `seedMany` with study `index` dated `studyDate(index)` (`YYYYMMDD`) instead of a day of 2023, so that a sweep
 * of the last few days (run with a fixed clock) sees every one. Fresh UIDs per call; returns elapsed ms.
 */
export async function seedManyDated(upload: Upload, n: number, studyDate: (index: number) => string): Promise<number> {
  const runId = nextRunId();
  return uploadAll(n, (index) => {
    const body = bulkInstance(index, runId);
    const from = Buffer.from(bulkStudy(index, runId).studyDate, 'latin1');
    const to = studyDate(index);
    if (!/^\d{8}$/.test(to)) throw new Error(`seedManyDated: ${to} is not YYYYMMDD`);
    // Same length, so the patched file stays valid (as in bulkInstance).
    for (let at = body.indexOf(from); at >= 0; at = body.indexOf(from, at + from.length)) body.write(to, at, 'latin1');
    return upload(body);
  });
}

/** An `Upload` to a running test Orthanc, for seeds that `startOrthanc` does not make itself. */
export function uploaderFor(o: { restUrl: string; user: string; password: string }): Upload {
  const authorization = `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
  return async (body) => {
    const response = await fetch(`${o.restUrl}/instances`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/dicom' },
      body,
    });
    if (!response.ok) throw new Error(`upload: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { ParentStudy: string };
  };
}

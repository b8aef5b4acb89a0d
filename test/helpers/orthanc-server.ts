import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type OrthancSeed, seedJobs, seedMany, seedStudies } from './orthanc-seed.js';
import { tempDir } from './temp-dir.js';

function tempDirIn(parent: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(parent, 'pacs-orthanc-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A real Orthanc (Debian 12: 1.10 + DICOMweb 1.7) on loopback for one test file, with dcmtk storescp
 * targets: `storescp` (healthy), `offline` (nothing listens), `slow` (`--sleep-during`, keeps store jobs
 * Running/Pending). Orthanc 1.10 has no bind-address option, so its ports are on 0.0.0.0 (ports are
 * random, HTTP refuses non-loopback clients via RemoteAccessAllowed:false; DICOM accepts echo/store).
 */

const orthancBin = '/usr/sbin/Orthanc';
const dicomWebPlugin = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
const storescpBin = '/usr/bin/storescp';

export interface OrthancOptions {
  /** Upload the synthetic studies s1–s6 (default true). */
  seed?: boolean;
  /** Create failed, succeeded, running and pending store jobs (default false: needs `seed`, takes ~0.5 s). */
  jobs?: boolean;
  /** storescp --sleep-during seconds of the slow modality (default 30). */
  slowSleepSeconds?: number;
  /** Seconds without new instances before Orthanc calls a study stable (default 1). */
  stableAge?: number;
  /** Its own AE title (default ORTHANC): two test Orthancs that send to each other need different ones. */
  aet?: string;
  /** More DicomModalities entries, by id: e.g. another test Orthanc this one may send studies to. */
  modalities?: Record<string, { aet: string; port: number }>;
}

export interface TestOrthanc {
  restUrl: string;
  dicomwebUrl: string;
  dicomPort: number;
  aet: string;
  /** The AE title tests use as SCU; registered in DicomModalities so C-FIND is allowed. */
  botAet: string;
  user: string;
  password: string;
  /** Authenticated call to the Orthanc REST API (for arranging tests, not for the code under test). */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<unknown>;
  seed: OrthancSeed;
  /** Upload n one-instance synthetic studies in parallel batches; returns the elapsed ms. */
  seedMany(n: number): Promise<number>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now, as the OS hands it out for listen(0) on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts Orthanc and its storescp targets; `stop()` ends them all and removes the temp dir. */
export async function startOrthanc(options: OrthancOptions = {}): Promise<TestOrthanc> {
  for (const bin of [orthancBin, dicomWebPlugin, storescpBin]) {
    if (!existsSync(bin)) {
      throw new Error(
        `${bin} is missing: install Debian's orthanc, orthanc-dicomweb and dcmtk ` +
          '(apt-get install -y --no-install-recommends orthanc orthanc-dicomweb dcmtk), as .ci/run does',
      );
    }
  }
  // On tmpfs when there is one: SQLite commits an fsync per instance, which is most of a bulk seed's time.
  const dir = existsSync('/dev/shm') ? tempDirIn('/dev/shm') : tempDir('pacs-orthanc-');
  const children: ChildProcess[] = [];
  const killAll = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  try {
    const ports = await Promise.all(Array.from({ length: 6 }, freePort));
    const [httpPort, dicomPort, okPort, slowPort, offlinePort, botPort] = ports as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const user = 'pacsdesk-test';
    const password = randomBytes(12).toString('base64url');
    const restUrl = `http://127.0.0.1:${httpPort}`;
    const botAet = 'PACSDESK';
    mkdirSync(join(dir.path, 'db'));
    mkdirSync(join(dir.path, 'scp'));
    const configPath = join(dir.path, 'orthanc.json');
    const modality = (AET: string, Port: number, extra = {}) => ({ AET, Host: '127.0.0.1', Port, ...extra });
    const config = {
      Name: 'PACSDESK-TEST',
      StorageDirectory: join(dir.path, 'db'),
      IndexDirectory: join(dir.path, 'db'),
      HttpPort: httpPort,
      DicomPort: dicomPort,
      DicomAet: options.aet ?? 'ORTHANC',
      RemoteAccessAllowed: false,
      AuthenticationEnabled: true,
      RegisteredUsers: { [user]: password },
      Plugins: [dicomWebPlugin],
      DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Host: `127.0.0.1:${httpPort}`, Ssl: false },
      DicomModalities: {
        storescp: modality('STORESCP', okPort),
        offline: modality('OFFLINE', offlinePort),
        slow: modality('SLOWSCP', slowPort, { Timeout: 120 }),
        pacsdesk: modality(botAet, botPort),
        ...Object.fromEntries(Object.entries(options.modalities ?? {}).map(([id, m]) => [id, modality(m.aet, m.port)])),
      },
      DicomAlwaysAllowEcho: true,
      DicomAlwaysAllowStore: true,
      DicomScuTimeout: 3,
      ConcurrentJobs: 1,
      JobsHistorySize: 200,
      SaveJobs: true,
      StableAge: options.stableAge ?? 1,
      HttpDescribeErrors: true,
      StorageCompression: false,
      // Test data is throwaway: no fsync per instance (3-4× faster bulk seeding).
      SyncStorageArea: false,
    };
    writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });

    const scp = (aet: string, port: number, extra: string[] = []) =>
      launch(storescpBin, ['--aetitle', aet, '--ignore', '-od', join(dir.path, 'scp'), ...extra, String(port)]);
    const logOf = (child: ChildProcess) => join(dir.path, `process-${children.indexOf(child)}.log`);
    const launch = (bin: string, args: string[]) => {
      const log = openSync(join(dir.path, `process-${children.length}.log`), 'w');
      const child = spawn(bin, args, { stdio: ['ignore', log, log] });
      closeSync(log);
      children.push(child);
      return child;
    };
    scp('STORESCP', okPort);
    scp('SLOWSCP', slowPort, ['--sleep-during', String(options.slowSleepSeconds ?? 30)]);
    const t0 = Date.now();
    const orthanc = launch(orthancBin, [configPath]);
    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${restUrl}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: auth },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Orthanc ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : undefined;
    };
    await waitReady(restUrl, auth, orthanc, logOf(orthanc));
    const readyMs = Date.now() - t0;

    const upload = async (body: Buffer) => {
      const response = await fetch(`${restUrl}/instances`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/dicom' },
        body,
      });
      if (!response.ok) throw new Error(`upload: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as { ParentStudy: string };
    };
    const seed: OrthancSeed = { readyMs, studies: {}, jobs: { failed: '', succeeded: '', slow: [] } };
    if (options.seed !== false) seed.studies = await seedStudies(upload);
    if (options.jobs) seed.jobs = await seedJobs(api, seed.studies);

    return {
      restUrl,
      dicomwebUrl: `${restUrl}/dicom-web`,
      dicomPort,
      aet: options.aet ?? 'ORTHANC',
      botAet,
      user,
      password,
      api,
      seed,
      seedMany: (n) => seedMany(upload, n),
      async stop() {
        process.removeListener('exit', killAll);
        // storescp first (stateless stubs: SIGKILL), so a store in progress drops and does not hold Orthanc up.
        await Promise.all(children.filter((c) => c !== orthanc).map((c) => terminate(c, 0)));
        await terminate(orthanc);
        dir.remove();
      },
    };
  } catch (error) {
    killAll();
    process.removeListener('exit', killAll);
    dir.remove();
    throw error;
  }
}

async function waitReady(restUrl: string, auth: string, orthanc: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  const tail = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') : '');
  while (Date.now() < deadline) {
    if (orthanc.exitCode !== null) throw new Error(`Orthanc exited during startup:\n${tail()}`);
    const ok = await fetch(`${restUrl}/system`, { headers: { authorization: auth } }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Orthanc not ready after 30 s:\n${tail()}`);
}

/** SIGTERM, then SIGKILL after `graceMs` (0: SIGKILL at once). Node reaps its own children, so 'exit' is reliable (no zombie polling). */
function terminate(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (graceMs > 0) child.kill('SIGTERM');
  });
}

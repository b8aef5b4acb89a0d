import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../helpers/orthanc-server.js';
import { tempDir } from '../../helpers/temp-dir.js';

/**
 * Real worklist SCPs for one test file: dcmtk's `wlmscpfs` serving `.wl` files, and Orthanc 1.10 with its
 * ModalityWorklists plugin. Items are synthetic (TEST^… names, SYN-… ids), written with `dump2dcm`.
 */

export interface WlItem {
  accession: string;
  patientId: string;
  patientName: string;
  birthDate?: string;
  procedure: string;
  modality: string;
  stationAet: string;
  stationName: string;
  /** DICOM DA and TM. */
  date: string;
  time: string;
  status: string;
}

/** The item as a dcmtk dump: a Scheduled Procedure Step Sequence with one step. */
export function itemDump(item: WlItem, n: number): string {
  return [
    '(0008,0005) CS [ISO_IR 100]',
    `(0008,0050) SH [${item.accession}]`,
    `(0010,0010) PN [${item.patientName}]`,
    `(0010,0020) LO [${item.patientId}]`,
    `(0010,0030) DA [${item.birthDate ?? '19700101'}]`,
    '(0010,0040) CS [O]',
    `(0020,000d) UI [2.25.${4242000 + n}]`,
    `(0032,1060) LO [${item.procedure}]`,
    `(0040,1001) SH [RP${n}]`,
    '(0040,0100) SQ (Sequence with explicit length #=1)',
    '  (fffe,e000) na (Item with explicit length #=8)',
    `    (0008,0060) CS [${item.modality}]`,
    `    (0040,0001) AE [${item.stationAet}]`,
    `    (0040,0002) DA [${item.date}]`,
    `    (0040,0003) TM [${item.time}]`,
    `    (0040,0007) LO [${item.procedure}]`,
    `    (0040,0009) SH [SPS${n}]`,
    `    (0040,0010) SH [${item.stationName}]`,
    `    (0040,0020) CS [${item.status}]`,
    '  (fffe,e00d) na (ItemDelimitationItem)',
    '(fffe,e0dd) na (SequenceDelimitationItem)',
    '',
  ].join('\n');
}

/** Writes items as `item<n>.wl` into `folder` (made if missing) with dump2dcm. */
export function writeItems(folder: string, items: readonly WlItem[]): void {
  mkdirSync(folder, { recursive: true });
  items.forEach((item, i) => {
    const dump = join(folder, `item${i}.dump`);
    writeFileSync(dump, itemDump(item, i));
    const r = spawnSync('/usr/bin/dump2dcm', [dump, join(folder, `item${i}.wl`)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`dump2dcm: ${r.stderr}`);
  });
}

export interface WorklistScp {
  port: number;
  aet: string;
  /** The `.wl` folder (for `findscu -W` in the bench). */
  folder: string;
  stop(): Promise<void>;
}

function launch(bin: string, args: string[], logPath: string): ChildProcess {
  const log = openSync(logPath, 'w');
  const child = spawn(bin, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  return child;
}

/** Resolves once something accepts TCP on the port (the SCP is up); fails if the process exits first. */
async function listening(port: number, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited during startup:\n${readFileSync(logPath, 'utf8')}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not listening on ${port} after 30 s`);
}

function stopper(child: ChildProcess, remove: () => void): () => Promise<void> {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return async () => {
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }
    remove();
  };
}

/** `wlmscpfs -dfp DB port`: DB/<AET>/lockfile + the items. Any calling AE is accepted. */
export async function startWlmscpfs(items: readonly WlItem[], aet = 'WLM'): Promise<WorklistScp> {
  const dir = tempDir('pacs-wlm-');
  const folder = join(dir.path, 'db', aet);
  writeItems(folder, items);
  writeFileSync(join(folder, 'lockfile'), '');
  const port = await freePort();
  const logPath = join(dir.path, 'wlmscpfs.log');
  const child = launch('/usr/bin/wlmscpfs', ['-dfp', join(dir.path, 'db'), String(port)], logPath);
  const stop = stopper(child, dir.remove);
  await listening(port, child, logPath).catch(async (e) => {
    await stop();
    throw e;
  });
  return { port, aet, folder, stop };
}

const orthancBin = '/usr/sbin/Orthanc';
const worklistPlugin = '/usr/share/orthanc/plugins/libModalityWorklists.so';

/** Orthanc with only the ModalityWorklists plugin; it checks the called AE title (ORTHANCWL). */
export async function startOrthancWorklist(items: readonly WlItem[]): Promise<WorklistScp> {
  if (!existsSync(worklistPlugin)) throw new Error(`${worklistPlugin} is missing: apt-get install -y orthanc`);
  const dir = tempDir('pacs-orthanc-wl-');
  const folder = join(dir.path, 'worklists');
  writeItems(folder, items);
  const [port, httpPort] = [await freePort(), await freePort()];
  const aet = 'ORTHANCWL';
  const config = {
    Name: 'PACSDESK-WL-TEST',
    StorageDirectory: join(dir.path, 'db'),
    IndexDirectory: join(dir.path, 'db'),
    HttpPort: httpPort,
    DicomPort: port,
    DicomAet: aet,
    DicomCheckCalledAet: true,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { test: 'unused' },
    Plugins: [worklistPlugin],
    Worklists: { Enable: true, Database: folder },
    DicomModalities: { pacsdesk: { AET: 'PACSDESK', Host: '127.0.0.1', Port: await freePort() } },
  };
  const configPath = join(dir.path, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config), { mode: 0o600 });
  const logPath = join(dir.path, 'orthanc.log');
  const child = launch(orthancBin, [configPath], logPath);
  const stop = stopper(child, dir.remove);
  await listening(port, child, logPath).catch(async (e) => {
    await stop();
    throw e;
  });
  return { port, aet, folder, stop };
}

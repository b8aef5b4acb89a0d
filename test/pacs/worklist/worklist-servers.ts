import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../helpers/orthanc-server.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { type WlItem, writeItems } from './worklist-fixtures.js';

/**
 * Real worklist SCPs for one test file: dcmtk's `wlmscpfs` serving `.wl` files, and Orthanc 1.10 with its
 * ModalityWorklists plugin, serving the `.wl` items of worklist-fixtures.ts.
 */

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

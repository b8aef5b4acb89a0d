import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { localWorkspaceDefaults } from '../src/devtools/workspace/defaults.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A bot under load, in its own process so its RSS is its own. */
export interface Target {
  url: string;
  pid: number;
  /** Log lines at error level or above (pino level ≥ 50). */
  errorLines(): string[];
  /** True once the process has exited (it must not during the soak). */
  exited(): boolean;
  stop(): Promise<void>;
}

export interface SlackSide {
  apiUrl: string;
  signingSecret: string;
  botToken: string;
}

/** Resident set size of a process in MB (Linux /proc; `ps` elsewhere); NaN once it has exited. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {}
  try {
    return (
      Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
          .toString()
          .trim(),
      ) / 1024
    );
  } catch {
    return Number.NaN; // the process is gone
  }
}

/** CPU time (user + system) a process has used so far, in seconds; NaN where /proc is missing. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function untilUp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode} while starting`);
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

function track(child: ChildProcess, url: string): Target {
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d.toString();
  });
  child.stdout?.on('data', (d) => {
    if (process.env.SOAK_NODE_ARGS) process.stdout.write(d);
  });
  return {
    url,
    pid: child.pid ?? 0,
    errorLines: () => stderr.split('\n').filter((l) => Number(/"level":(\d+)/.exec(l)?.[1] ?? 0) >= 50),
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exit = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exit;
    },
  };
}

/**
 * PACS Desk exactly as `npm start` runs it in HTTP mode (node dist/main.js), pointed at the local workspace as
 * its Slack Web API; no LLM, no PACS, SQLite under dataDir. Only the variables set here reach it.
 */
export async function startDeskProcess(slack: SlackSide, dataDir: string): Promise<Target> {
  const port = await freePort();
  // SOAK_NODE_ARGS: diagnostics only (e.g. --trace-gc, printed); the figures are measured without.
  const diagnostics = process.env.SOAK_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...diagnostics, 'dist/main.js'], {
    // SOAK_DESK_DIR: soak another build of PACS Desk (e.g. an older commit, built), same load and checks.
    cwd: process.env.SOAK_DESK_DIR ?? root,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      KB_WATCH: 'false',
      LOG_LEVEL: 'warn',
      ...localWorkspaceDefaults,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  const target = track(child, url);
  await untilUp(`${url}/readyz`, child).catch(async (error) => {
    await target.stop();
    throw new Error(`${(error as Error).message}\n${target.errorLines().join('\n')}`);
  });
  return target;
}

/** The baseline: Bolt alone behind its own HTTPReceiver, acking every event, command and action with nothing. */
const bareBolt = `
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
const receiver = new HTTPReceiver({ signingSecret: process.env.SECRET, logLevel: LogLevel.ERROR });
const app = new App({ token: process.env.TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.API_URL } });
app.event('app_mention', async () => {});
app.event('message', async () => {});
app.command('/pacs', async ({ ack }) => { await ack(); });
app.action(/.*/, async ({ ack }) => { await ack(); });
await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

export async function startBareBoltProcess(slack: SlackSide): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', bareBolt], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      SECRET: slack.signingSecret,
      TOKEN: slack.botToken,
      API_URL: slack.apiUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  const target = track(child, url);
  await untilUp(`${url}/`, child);
  return target;
}

/** Receives the bot's response_url posts (ephemeral answers to commands) and counts them per id. */
export async function startResponseSink(): Promise<{
  url: string;
  received: Map<string, number>;
  stop(): Promise<void>;
}> {
  const received = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const id = (req.url ?? '').split('/').pop() ?? '';
    req.resume();
    req.on('end', () => {
      received.set(id, (received.get(id) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

/** The local Slack workspace (the bots' Web API), in its own process so its work does not delay the load generator. */
const workspaceScript = `
import { createWorkspace } from './dist/devtools/workspace/index.js';
const ws = await createWorkspace({
  dataDir: process.env.DATA_DIR, port: 0, host: '127.0.0.1', signingSecret: process.env.SECRET,
  botToken: process.env.TOKEN, rateLimit: { perSecond: 100000, burst: 100000 },
});
process.on('message', (m) => { ws.setBotEventsUrl(m.botEventsUrl); process.send({ ok: true }); });
process.on('disconnect', () => ws.stop().then(() => process.exit(0)));
process.send({ url: ws.url, apiUrl: ws.apiUrl });
`;

export interface WorkspaceProcess {
  pid: number;
  url: string;
  apiUrl: string;
  /** Where the workspace sends events (it echoes the bot's own posts, as Slack does). */
  setBotEventsUrl(url: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkspaceProcess(secret: string, token: string, dataDir: string): Promise<WorkspaceProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', workspaceScript], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, SECRET: secret, TOKEN: token },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const first = await new Promise<{ url: string; apiUrl: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; apiUrl: string }));
    child.once('exit', (code) => reject(new Error(`workspace process exited with ${code}`)));
  });
  return {
    ...first,
    pid: child.pid ?? 0,
    setBotEventsUrl: (botEventsUrl) =>
      new Promise((resolve) => {
        child.once('message', () => resolve());
        child.send({ botEventsUrl });
      }),
    async stop() {
      const exit = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await exit;
    },
  };
}

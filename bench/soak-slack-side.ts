import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

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

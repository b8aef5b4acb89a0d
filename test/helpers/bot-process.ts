import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/config.js';

export interface BotProcess {
  child: ChildProcess;
  /** The local workspace's page (printed on stdout). */
  workspaceUrl: string;
  /** The bot's own HTTP base (from the "PACS Desk started" log line). */
  botUrl: string;
  /** Everything the bot logged so far (JSON lines on stderr). */
  log(): string;
}

/**
 * The whole bot in a child process, as `npm start` runs it without Slack tokens, in `dir` (no `.env` there, so no
 * real tokens leak in) with its data under `dir/data`. Resolves once it logs that it started. Both pipes are
 * drained for the child's whole life: a pipe nobody reads would block its writes.
 */
export async function startBotProcess(dir: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const loader = pathToFileURL(join(packageRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(packageRoot, 'src/main.ts')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      DATA_DIR: join(dir, 'data'),
      WORKSPACE_PORT: '0',
      PORT: '0',
      KB_WATCH: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let workspaceUrl = '';
  let botPort = 0;
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it started:\n${log}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      workspaceUrl ||= /local Slack workspace: (http:\/\/\S+)/.exec(line)?.[1] ?? '';
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      log += `${line}\n`;
      if (line.includes('PACS Desk started')) {
        botPort = Number((JSON.parse(line) as { port: number }).port);
        resolve();
      }
    });
  });
  if (!workspaceUrl) throw new Error('the bot did not print its workspace URL');
  return { child, workspaceUrl, botUrl: `http://127.0.0.1:${botPort}`, log: () => log };
}

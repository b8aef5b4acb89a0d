import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { tempDir } from '../../helpers/temp-dir.js';
import { nodeArgs } from './process-entry.js';
import { type WorkspaceApi, workspaceApi } from './workspace-api.js';

const KEYS = ['SLACK_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'WORKSPACE_URL'] as const;
export type HarnessSettings = Record<(typeof KEYS)[number], string>;

export interface HarnessProcess {
  settings: HarnessSettings;
  api: WorkspaceApi;
  /** Unset for the in-process harness. */
  child?: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The same harness inside this process (`startHarness` of src/devtools/workspace/harness.ts' building block),
 * with Slack's per-channel posting limit raised: the bench measures the replicas, not the workspace's 1 post/s.
 */
export async function startInProcessHarness(): Promise<HarnessProcess> {
  const dir = tempDir('replicas-harness-');
  const { createWorkspace } = await import('../../../src/devtools/workspace/index.js');
  const token = randomBytes(12).toString('hex');
  const settings: HarnessSettings = {
    SLACK_API_URL: '',
    SLACK_BOT_TOKEN: `xoxb-local-${token}`,
    SLACK_APP_TOKEN: `xapp-1-A0PACSDESK-local-${token}`,
    SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
    WORKSPACE_URL: '',
  };
  const workspace = await createWorkspace({
    dataDir: join(dir.path, 'data'),
    host: '127.0.0.1',
    port: 0,
    botToken: settings.SLACK_BOT_TOKEN,
    appToken: settings.SLACK_APP_TOKEN,
    signingSecret: settings.SLACK_SIGNING_SECRET,
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    waitForBotMs: 60_000,
  });
  settings.SLACK_API_URL = workspace.apiUrl;
  settings.WORKSPACE_URL = workspace.url;
  return {
    settings,
    api: workspaceApi(workspace.url),
    async stop() {
      await workspace.stop();
      dir.remove();
    },
  };
}

/** `pacs-desk workspace --no-bot` in a child process; resolves once it printed its five settings. */
export async function startHarness(options: { dist?: boolean } = {}): Promise<HarnessProcess> {
  const dir = tempDir('replicas-harness-');
  const child = spawn(process.execPath, [...nodeArgs('cli/index', options.dist), 'workspace', '--no-bot'], {
    cwd: dir.path,
    env: { PATH: process.env.PATH, DATA_DIR: join(dir.path, 'data'), WORKSPACE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const settings = await new Promise<HarnessSettings>((resolve, reject) => {
    const found: Record<string, string> = {};
    child.once('exit', (code) =>
      reject(new Error(`the harness exited (${code}) before printing its settings:\n${stderr}`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const at = line.indexOf('=');
      if (at > 0) found[line.slice(0, at)] = line.slice(at + 1);
      if (KEYS.every((k) => found[k])) resolve(found as HarnessSettings);
    });
  });
  return {
    settings,
    api: workspaceApi(settings.WORKSPACE_URL),
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      dir.remove();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createWorkspace, type Workspace } from './index.js';

export interface HarnessIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The local Slack workspace on its own, and the settings bot processes (replicas) connect with. */
export interface Harness {
  workspace: Workspace;
  /** `SLACK_API_URL`, `SLACK_BOT_TOKEN`, `SLACK_APP_TOKEN`, `SLACK_SIGNING_SECRET`, then `WORKSPACE_URL`. */
  settings: Record<string, string>;
}

/**
 * Starts only the workspace (page, Web API, Events API, Socket Mode) on 127.0.0.1, port `WORKSPACE_PORT` or
 * any free one, state under `DATA_DIR` (default `./data`), with fresh tokens. Bots connect over Socket Mode;
 * nothing is sent over HTTP because no request URL is set. A request made before any bot has connected
 * waits up to 60 s for one.
 *
 * @example
 * const { workspace, settings } = await startHarness({ WORKSPACE_PORT: '0' }, process.cwd());
 * // each replica: SLACK_API_URL=settings.SLACK_API_URL SLACK_APP_TOKEN=settings.SLACK_APP_TOKEN …
 */
export async function startHarness(env: NodeJS.ProcessEnv, cwd: string): Promise<Harness> {
  const port = Number(env.WORKSPACE_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error('WORKSPACE_PORT: use a whole number from 0 to 65535');
  const settings = {
    SLACK_API_URL: '',
    SLACK_BOT_TOKEN: `xoxb-local-${randomBytes(12).toString('hex')}`,
    SLACK_APP_TOKEN: `xapp-1-A0PACSDESK-local-${randomBytes(12).toString('hex')}`,
    SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
    WORKSPACE_URL: '',
  };
  const workspace = await createWorkspace({
    dataDir: resolve(cwd, env.DATA_DIR || './data'),
    host: '127.0.0.1',
    port,
    botToken: settings.SLACK_BOT_TOKEN,
    appToken: settings.SLACK_APP_TOKEN,
    signingSecret: settings.SLACK_SIGNING_SECRET,
    waitForBotMs: 60_000,
  });
  settings.SLACK_API_URL = workspace.apiUrl;
  settings.WORKSPACE_URL = workspace.url;
  return { workspace, settings };
}

/**
 * `pacs-desk workspace --no-bot`: starts the harness, prints its settings as `KEY=value` lines on stdout
 * (nothing else goes there), and stops cleanly on SIGINT or SIGTERM (or when `until` settles).
 */
export async function runHarness(io: HarnessIo, until?: Promise<unknown>): Promise<number> {
  const { workspace, settings } = await startHarness(io.env, io.cwd);
  io.stdout(
    `${Object.entries(settings)
      .map(([key, value]) => `${key}=${value}\n`)
      .join('')}`,
  );
  io.stderr(`Local Slack workspace (no bot, Socket Mode only): ${workspace.url}; Ctrl-C stops it\n`);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const signalled = new Promise<void>((done) => stop.signal.addEventListener('abort', () => done()));
  try {
    await Promise.race([signalled, ...(until ? [until] : [])]);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await workspace.stop();
  }
  io.stderr('Local Slack workspace stopped\n');
  return 0;
}

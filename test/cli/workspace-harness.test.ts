import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEYS = ['SLACK_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'WORKSPACE_URL'];

/** `pacs-desk workspace --no-bot` in a child process; resolves with its stdout lines once all five are there. */
async function startHarness(dir: string): Promise<{ child: ChildProcess; lines: string[]; stderr: () => string }> {
  const loader = pathToFileURL(join(packageRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(
    process.execPath,
    ['--import', loader, join(packageRoot, 'src/cli/index.ts'), 'workspace', '--no-bot'],
    {
      cwd: dir,
      env: { PATH: process.env.PATH, DATA_DIR: join(dir, 'data'), WORKSPACE_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the harness exited (${code}):\n${stderr}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      if (lines.length === KEYS.length) resolve();
    });
  });
  return { child, lines, stderr: () => stderr };
}

describe('pacs-desk workspace --no-bot', () => {
  const dir = tempDir('harness-');
  let harness: Awaited<ReturnType<typeof startHarness>>;
  let settings: Record<string, string>;

  beforeAll(async () => {
    harness = await startHarness(dir.path);
    settings = Object.fromEntries(harness.lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  }, 30_000);
  afterAll(() => {
    if (harness?.child.exitCode === null) harness.child.kill('SIGKILL');
    dir.remove();
  });

  it('prints only KEY=value lines: the four Slack settings, then the page URL', () => {
    expect(harness.lines.map((l) => l.split('=')[0])).toEqual(KEYS);
    expect(settings).toEqual({
      SLACK_API_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/),
      SLACK_BOT_TOKEN: expect.stringMatching(/^xoxb-/),
      SLACK_APP_TOKEN: expect.stringMatching(/^xapp-/),
      SLACK_SIGNING_SECRET: expect.stringMatching(/^[0-9a-f]{32}$/),
      WORKSPACE_URL: settings.SLACK_API_URL?.replace(/\/api\/$/, ''),
    });
  });

  it('lets a Bolt Socket Mode app configured only from those lines connect and answer a mention', async () => {
    const app = new App({
      token: settings.SLACK_BOT_TOKEN,
      appToken: settings.SLACK_APP_TOKEN,
      signingSecret: settings.SLACK_SIGNING_SECRET,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: settings.SLACK_API_URL, retryConfig: { retries: 0 } },
    });
    app.event('app_mention', async ({ event, say }) => {
      await say({ text: `On it, <@${event.user}>`, thread_ts: event.ts });
    });
    await app.start();
    try {
      const base = settings.WORKSPACE_URL;
      const state = (await (await fetch(`${base}/api/test/state`)).json()) as { socketConnections: number };
      expect(state.socketConnections).toBe(1);
      const res = await fetch(`${base}/api/test/post`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'clinician', channel: 'radiology-help', text: '@pacs-desk is PACS down?' }),
      });
      const { ts } = (await res.json()) as { ts: string };
      await expect
        .poll(async () => {
          const url = `${base}/api/test/messages?channel=radiology-help&thread_ts=${ts}`;
          return ((await (await fetch(url)).json()) as { text: string }[]).map((m) => m.text);
        })
        .toContain('On it, <@U0CLINIC1>');
    } finally {
      await app.stop();
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => harness.child.once('exit', (code) => resolve(code)));
    harness.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(harness.stderr()).toContain('Local Slack workspace stopped');
  });
});

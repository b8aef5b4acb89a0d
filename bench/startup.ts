import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../test/helpers/temp-dir.js';
import { ms, printTable } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface StartupTimes {
  page: number;
  answered: number;
}

/** Waits until `check` resolves truthy, polling every 10 ms; the process under test runs meanwhile. */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `node dist/main.js` with no Slack tokens: time to the page answering, and to the first answered question. */
async function startOnce(dataDir: string): Promise<StartupTimes> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, WORKSPACE_PORT: '0', LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d.toString();
    });
    const url = await until(async () => /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0]);
    await until(async () => (await fetch(`${url}/`)).ok);
    const page = performance.now() - started;
    const state = (await (await fetch(`${url}/api/test/state`)).json()) as { bot: { user_id: string } };
    const posted = await fetch(`${url}/api/test/post`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: 'clinician',
        channel: 'radiology-help',
        text: `<@${state.bot.user_id}> viewer says no images`,
      }),
    });
    const { ts } = (await posted.json()) as { ts: string };
    await until(async () => {
      const messages = (await (
        await fetch(`${url}/api/test/messages?channel=radiology-help&thread_ts=${ts}`)
      ).json()) as { bot_id?: string }[];
      return messages.some((m) => m.bot_id);
    });
    return { page, answered: performance.now() - started };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Baseline: the same Node starting a bare HTTP server, the floor for any Node service. */
async function bareNode(): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '-e',
      "require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port)})",
    ],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  let out = '';
  child.stdout.on('data', (d) => {
    out += d.toString();
  });
  const url = await until(async () => /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0]);
  await until(async () => (await fetch(url)).ok);
  const elapsed = performance.now() - started;
  child.kill();
  return elapsed;
}

export async function run(): Promise<void> {
  if (!existsSync(`${root}/dist/main.js`)) {
    console.log('\nStartup: dist/main.js missing; run `npm run build` first (npm run bench does).');
    return;
  }
  const dir = tempDir('bench-start-');
  const cold = await startOnce(dir.path);
  const warm = await startOnce(dir.path);
  const floor = await bareNode();
  dir.remove();
  printTable(
    'Startup — `npm start` without Slack tokens (node dist/main.js)',
    ['first start', 'restart', 'bare Node HTTP (baseline)'],
    [
      ['page answering', ms(cold.page), ms(warm.page), ms(floor)],
      ['first question answered', ms(cold.answered), ms(warm.answered), '—'],
    ],
  );
  console.log('Target: page answering < 2 s.');
}

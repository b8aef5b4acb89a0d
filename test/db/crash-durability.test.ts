import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { createDatabase } from '../../src/db/create-database.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * R8: the whole bot runs in a child process as `npm start` does (local workspace mode, SQLite under a
 * temp DATA_DIR). A clinician files a ticket; the moment the bot's "created" DM is visible the process is
 * killed with SIGKILL (no shutdown hook runs). After a restart the ticket is there and the file is sound.
 * A killed process is not a power cut (the OS still flushes its page cache); that part rests on
 * `synchronous = FULL`, which the last assertion checks on a connection opened the way the bot opens it.
 */

const dir = tempDir('crash-durability-');
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  dir.remove();
});

async function startBot(): Promise<{ url: string; child: ChildProcess }> {
  const loader = pathToFileURL(join(packageRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const proc = spawn(process.execPath, ['--import', loader, join(packageRoot, 'src/main.ts')], {
    cwd: dir.path, // no .env here: no real Slack tokens can leak in
    env: {
      PATH: process.env.PATH,
      DATA_DIR: join(dir.path, 'data'),
      WORKSPACE_PORT: '0',
      PORT: '0',
      KB_WATCH: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  // The workspace URL comes on stdout, the JSON log on stderr. Both are drained for the child's whole
  // life: a pipe nobody reads would block its writes.
  let url = '';
  let log = '';
  await new Promise<void>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it started:\n${log}`)));
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      url ||= /local Slack workspace: (http:\/\/\S+)/.exec(line)?.[1] ?? '';
    });
    createInterface({ input: proc.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      log += `${line}\n`;
      if (line.includes('PACS Desk started')) resolve();
    });
  });
  if (!url) throw new Error('the bot did not print its workspace URL');
  return { url, child: proc };
}

async function call<T>(url: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api/test/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

const input = (type: string, value: string) =>
  type === 'plain_text_input' ? { value: { type, value } } : { value: { type, selected_option: { value } } };

describe('R8: a ticket the bot has confirmed survives the process being killed', () => {
  it('R8: SIGKILL right after the "ticket created" reply → after restart the ticket exists and integrity_check = ok', async () => {
    const bot = await startBot();
    await call(bot.url, 'post', { user: 'clinician', channel: 'radiology-help', text: '/pacs ticket CT not visible' });
    const view = await waitUntil(async () => {
      const views = await call<{ id: string; callback_id: string }[]>(bot.url, 'views?user=clinician');
      const v = views.find((x) => x.callback_id === 'ticket_new');
      if (!v) throw new Error('no ticket modal yet');
      return v;
    });
    const submitted = await call(bot.url, 'submit', {
      user: 'clinician',
      view_id: view.id,
      values: {
        summary: input('plain_text_input', 'Outside CT not visible in the viewer'),
        category: input('static_select', 'prior_import'),
        urgency: input('radio_buttons', 'urgent'),
      },
    });
    expect(submitted).toEqual({});
    const key = await waitUntil(
      async () => {
        const dms = await call<{ text: string; bot_id: string | null }[]>(bot.url, 'messages?channel=D0CLINIC1');
        const k = dms.map((m) => (m.bot_id ? /PACS-\d+/.exec(m.text)?.[0] : undefined)).find(Boolean);
        if (!k) throw new Error('no "created" reply yet');
        return k;
      },
      { interval: 5 },
    );
    const exited = new Promise((resolve) => bot.child.once('exit', (_code, signal) => resolve(signal)));
    bot.child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const file = join(dir.path, 'data', 'pacs-desk.sqlite');
    const raw = new Database(file); // replays the WAL the dead process left behind
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const database = await createDatabase({ dataDir: join(dir.path, 'data') });
    try {
      const ticket = await createTicketStore(database).get(key);
      expect(ticket).toMatchObject({ key, requesterId: 'U0CLINIC1', status: 'new' });
      const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db);
      const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(sync.rows[0]?.synchronous).toBe(2); // FULL
    } finally {
      await database.close();
    }
  }, 60_000);
});

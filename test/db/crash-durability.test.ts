import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/create-database.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { type BotProcess, startBotProcess } from '../helpers/bot-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * A ticket the bot has confirmed survives the process being killed. The whole bot runs in a child process
 * as `npm start` does (local workspace mode, SQLite under a temp DATA_DIR). A clinician files a ticket; the
 * moment the bot's "created" DM is visible the process is killed with SIGKILL (no shutdown hook runs). After
 * a restart the ticket is there and the file is sound. A killed process is not a power cut (the OS still
 * flushes its page cache); that part rests on `synchronous = FULL`, which the last assertion checks on a
 * connection opened the way the bot opens it.
 */

const dir = tempDir('crash-durability-');
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  dir.remove();
});

async function startBot(): Promise<BotProcess> {
  const bot = await startBotProcess(dir.path);
  child = bot.child;
  return bot;
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
    await call(bot.workspaceUrl, 'post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: '/pacs ticket CT not visible',
    });
    const view = await waitUntil(async () => {
      const views = await call<{ id: string; callback_id: string }[]>(bot.workspaceUrl, 'views?user=clinician');
      const v = views.find((x) => x.callback_id === 'ticket_new');
      if (!v) throw new Error('no ticket modal yet');
      return v;
    });
    const submitted = await call(bot.workspaceUrl, 'submit', {
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
        const dms = await call<{ text: string; bot_id: string | null }[]>(
          bot.workspaceUrl,
          'messages?channel=D0CLINIC1',
        );
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

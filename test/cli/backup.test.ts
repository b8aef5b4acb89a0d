import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { createDatabase } from '../../src/db/create-database.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait-until.js';
import { newTicket } from '../tickets/helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function folder(): string {
  const dir = tempDir('backup-');
  cleanups.push(dir.remove);
  return dir.path;
}

/** A second process that opens tickets like the bot, one after another, until killed (another connection). */
function startWriter(dataDir: string): { committed: string[]; child: ChildProcess; errors: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/tickets/create-worker.ts', dataDir, '-', '1000000000'],
    { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  const committed: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (key) => committed.push(key));
  // Why the writer stopped, if it did: its exit and what it printed, for the failure message.
  return {
    committed,
    child,
    errors: () => `writer exit ${child.exitCode ?? child.signalCode ?? 'running'}: ${stderr}`,
  };
}

const keysIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return new Set((db.prepare('SELECT key FROM tickets').all() as { key: string }[]).map((r) => r.key));
  } finally {
    db.close();
  }
};

describe('pacs-desk backup', () => {
  it('R9 P10: a backup (0600) taken during continuous writes from another process passes integrity_check and holds every ticket committed before it started', async () => {
    const dataDir = folder();
    const database = await createDatabase({ dataDir });
    const store = createTicketStore(database);
    const first: string[] = [];
    for (let i = 0; i < 20; i++) first.push((await store.create(newTicket({ summary: `before ${i}` }), 'U0A')).key);
    // ~16 MB more pages, so the copy takes long enough for the writer's commits to land while it runs.
    await sql`CREATE TABLE padding (x BLOB)`.execute(database.db);
    await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
      INSERT INTO padding SELECT randomblob(4096) FROM n`.execute(database.db);
    await database.close();

    const writer = startWriter(dataDir);
    await waitUntil(() => expect(writer.committed.length).toBeGreaterThanOrEqual(5), { timeout: 30_000 });
    const before = [...first, ...writer.committed];
    const out = join(folder(), 'pacs-desk-backup.sqlite');
    const result = await runCliCaptured(['backup', '--out', out, '--json'], { dataDir });
    // The writer was committing when the backup started and is still running now: the copy came from a live database.
    expect(writer.child.exitCode, writer.errors()).toBeNull();
    writer.child.kill('SIGKILL');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    const copy = new Database(out, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const exported = copy.prepare('SELECT event_id, actor_user_id, command FROM audit_log ORDER BY id DESC').get();
      expect(exported).toMatchObject({
        event_id: '110106',
        command: 'backup',
        actor_user_id: expect.stringMatching(/^cli:/),
      });
      const tickets = (copy.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
      expect(printed).toMatchObject({ file: out, integrity: 'ok', tickets, auditRecords: 1 });
    } finally {
      copy.close();
    }
    const saved = keysIn(out);
    expect(before.filter((k) => !saved.has(k))).toEqual([]);
    expect((statSync(out).mode & 0o777).toString(8)).toBe('600');
    expect(readdirSync(join(out, '..'))).toEqual(['pacs-desk-backup.sqlite']); // no -wal, no leftover temp folder

    // Restore drill: the copy as the data of a fresh install; the CLI reads it and the audit chain holds.
    const restored = folder();
    copyFileSync(out, join(restored, 'pacs-desk.sqlite'));
    // `tickets export` holds every ticket (`tickets list` shows the newest 200, and a fast writer commits more).
    const exported = await runCliCaptured(['tickets', 'export', '--csv'], { dataDir: restored });
    expect(exported.code).toBe(0);
    const listed = new Set(exported.stdout.split('\n').flatMap((line) => (line ? [line.split(',')[0]] : [])));
    expect(before.filter((k) => !listed.has(k))).toEqual([]);
    expect(listed.size - 1).toBe(saved.size); // every row of the copy, besides the CSV header
    const verify = await runCliCaptured(['audit', 'verify'], { dataDir: restored });
    expect(verify.code).toBe(0);
  }, 120_000);

  it('R9: with DATABASE_URL set it writes no file and prints pg_dump guidance without the URL or its password', async () => {
    const dir = folder();
    const out = join(dir, 'b.sqlite');
    const url = 'postgres://desk:s3cret-pw@127.0.0.1:5432/test';
    const result = await runCliCaptured(['backup', '--out', out], { dataDir: dir, env: { DATABASE_URL: url } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pg_dump --format=custom');
    expect(result.stdout).toContain('"$DATABASE_URL"');
    expect(result.stdout).toContain('pg_restore');
    expect(result.stdout + result.stderr).not.toContain('s3cret-pw');
    expect(existsSync(out)).toBe(false);
  });

  it('needs --out, refuses to overwrite a file, and says when there is no database', async () => {
    const dir = folder();
    expect((await runCliCaptured(['backup'], { dataDir: dir })).code).toBe(2);
    const existing = join(dir, 'old.sqlite');
    writeFileSync(existing, 'previous backup');
    const clash = await runCliCaptured(['backup', '--out', existing], { dataDir: dir });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('already exists');
    const empty = join(dir, 'empty-data');
    mkdirSync(empty);
    const none = await runCliCaptured(['backup', '--out', join(dir, 'new.sqlite')], { dataDir: empty });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no database');
    expect(existsSync(join(dir, 'new.sqlite'))).toBe(false);
  });
});

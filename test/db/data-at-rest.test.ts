import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/create-database.js';
import { createWorkspace } from '../../src/devtools/workspace/index.js';
import { createStateStore } from '../../src/state/create-state-store.js';
import { createTicketStore } from '../../src/tickets/ticket-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function freshDir(): string {
  const dir = tempDir('data-at-rest-');
  cleanups.push(dir.remove);
  return join(dir.path, 'data'); // not created yet: the stores create it
}

const newTicket = {
  requesterId: 'U0CLINIC1',
  summary: 'CT not in PACS',
  description: 'outside CT',
  category: 'missing_study',
  urgency: 'urgent',
} as const;

describe('P10: data at rest is owner-only', () => {
  it('P10: the bot DB, state DB, workspace DB, their -wal/-shm files and the data dir are 0600/0700', async () => {
    const dataDir = freshDir();
    const database = await createDatabase({ dataDir });
    await createTicketStore(database).create(newTicket, 'U0CLINIC1');
    const state = await createStateStore({ dataDir });
    await state.set('answer:1', { question: 'q' });
    const ws = await createWorkspace({ dataDir, signingSecret: 's', botToken: 'xoxb-test' });
    try {
      const files = readdirSync(dataDir).sort();
      // WAL mode: every database has its sidecars while open, and they hold recent rows too.
      for (const db of ['pacs-desk.sqlite', 'state.sqlite', 'workspace.sqlite'])
        expect(files).toEqual(expect.arrayContaining([db, `${db}-wal`, `${db}-shm`]));
      expect(mode(dataDir)).toBe('700');
      for (const f of files.filter((n) => n.includes('.sqlite')))
        expect([f, mode(join(dataDir, f))]).toEqual([f, '600']);
    } finally {
      await ws.stop();
      await state.disconnect();
      await database.close();
    }
  });

  it('P10: files and a data dir left readable by an older version are tightened on open', async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    for (const f of ['pacs-desk.sqlite-wal', 'state.sqlite']) {
      writeFileSync(join(dataDir, f), '');
      chmodSync(join(dataDir, f), 0o644);
    }
    const database = await createDatabase({ dataDir });
    const state = await createStateStore({ dataDir });
    try {
      expect(mode(dataDir)).toBe('700');
      expect(mode(join(dataDir, 'pacs-desk.sqlite'))).toBe('600');
      expect(mode(join(dataDir, 'pacs-desk.sqlite-wal'))).toBe('600');
      expect(mode(join(dataDir, 'state.sqlite'))).toBe('600');
    } finally {
      await state.disconnect();
      await database.close();
    }
  });

  it('P10: a loose umask does not loosen the files', async () => {
    const previous = process.umask(0);
    try {
      const dataDir = freshDir();
      const database = await createDatabase({ dataDir });
      await createTicketStore(database).create(newTicket, 'U0CLINIC1');
      for (const f of ['pacs-desk.sqlite', 'pacs-desk.sqlite-wal', 'pacs-desk.sqlite-shm'])
        expect(mode(join(dataDir, f))).toBe('600');
      expect(mode(dataDir)).toBe('700');
      await database.close();
    } finally {
      process.umask(previous);
    }
  });
});

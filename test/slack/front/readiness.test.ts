import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { startFrontDesk } from './front-helpers.js';

type Ready = { status: string; checks: Record<string, string> };
const readyz = async (h: DeskHarness) => {
  const res = await fetch(`${h.botUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as Ready };
};

describe('R7: liveness and readiness (real bot over HTTP)', () => {
  let h: DeskHarness;

  beforeAll(async () => {
    // PACS configured at a port nothing listens on: neither liveness nor readiness may depend on it.
    h = await startFrontDesk({ PACS_KIND: 'orthanc', PACS_URL: 'http://127.0.0.1:9/' });
  });
  afterAll(() => h.stop());

  it('R7: /healthz is 200 and /readyz lists every dependency as ok while the PACS is down', async () => {
    expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
    const ready = await readyz(h);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { started: 'ok', database: 'ok', cluster: 'ok', knowledgeBase: 'ok', slackToken: 'ok' },
    });
  });

  it('R7: while the SQLite database cannot be written (locked), /readyz is 503 naming it; /healthz stays 200; it recovers', async () => {
    // Another process holding the write lock, as a stuck backup or a manual sqlite3 session would.
    const other = new Database(join(h.dataDir, 'pacs-desk.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      const ready = await readyz(h);
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({
        status: 'not_ready',
        checks: { started: 'ok', database: 'failing', cluster: 'ok', knowledgeBase: 'ok', slackToken: 'ok' },
      });
      expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await waitUntil(async () => expect((await readyz(h)).status).toBe(200));
  });

  it('R7: /readyz answers only GET/HEAD and carries no host, path or secret', async () => {
    const res = await fetch(`${h.botUrl}/readyz`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect((await fetch(`${h.botUrl}/readyz`, { method: 'POST' })).status).toBe(405);
    const raw = JSON.stringify((await readyz(h)).body);
    expect(raw).not.toMatch(/127\.0\.0\.1|sqlite|\/tmp|xoxb|secret|error/i);
  });
});

describe('R7: readiness with an empty knowledge base', () => {
  it('R7: /readyz is 503 naming the knowledge base when it has no index, while /healthz is 200', async () => {
    const empty = tempDir('front-empty-kb-');
    const h = await startFrontDesk({ KB_DIR: empty.path });
    try {
      const ready = await readyz(h);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.knowledgeBase).toBe('failing');
      expect(ready.body.checks.database).toBe('ok');
      expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
    } finally {
      await h.stop();
      empty.remove();
    }
  });
});

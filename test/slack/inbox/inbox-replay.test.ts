import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { botReplies, mentionEnvelope, postSigned, startFrontDesk } from '../front/front-helpers.js';

let h: DeskHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Writes what a replica that died right after admitting (and acking) a mention leaves behind: a lapsed lease. */
function leaveOrphan(dataDir: string, key: string, payload: string): void {
  const db = new Database(join(dataDir, 'pacs-desk.sqlite'));
  db.prepare(
    `INSERT INTO cluster_inbox (key, owner, state, payload, attempts, lease_until, keep_until, created_at)
     VALUES (?, 'replica-that-died', 'pending', ?, 0, ?, NULL, ?)`,
  ).run(key, payload, Date.now() - 1, Date.now() - 10_000);
  db.close();
}

const inboxRow = (dataDir: string, key: string) => {
  const db = new Database(join(dataDir, 'pacs-desk.sqlite'), { readonly: true });
  const row = db.prepare('SELECT state, owner, payload, attempts FROM cluster_inbox WHERE key = ?').get(key);
  db.close();
  return row as { state: string; owner: string; payload: string | null; attempts: number } | undefined;
};

describe('work acknowledged by a replica that died is finished by another (real bot, SQLite inbox)', () => {
  it('answers an orphaned mention once, logs inbox_replay, and completes the entry without its payload', async () => {
    h = await startFrontDesk({ INBOX_SWEEP_SECONDS: '1', INBOX_LEASE_SECONDS: '5' });
    const desk = h;
    const { body, eventId, ts } = mentionEnvelope(desk, 'how do I burn a cd for a patient to take away');
    leaveOrphan(desk.dataDir, `event:${eventId}`, body);
    await waitUntil(async () => expect(await botReplies(desk, ts)).toBe(1), { timeout: 15_000 });
    expect(desk.logs()).toContain('"code":"inbox_replay"');
    await waitUntil(() => expect(inboxRow(desk.dataDir, `event:${eventId}`)?.state).toBe('done'));
    expect(inboxRow(desk.dataDir, `event:${eventId}`)).toMatchObject({ payload: null, attempts: 1 });
    // Slack's own retry of that event, arriving now, is a duplicate: still one answer.
    expect((await postSigned(desk, body)).status).toBe(200);
    await waitUntil(() => expect(desk.logs()).toContain('duplicate delivery skipped'));
    expect(await botReplies(desk, ts)).toBe(1);
  });

  it('a fresh delivery is admitted, answered and completed; its stored payload is gone once done', async () => {
    h = await startFrontDesk();
    const desk = h;
    const { body, eventId, ts } = mentionEnvelope(desk, 'the viewer is slow to open a study');
    expect((await postSigned(desk, body)).status).toBe(200);
    await waitUntil(async () => expect(await botReplies(desk, ts)).toBe(1));
    await waitUntil(() =>
      expect(inboxRow(desk.dataDir, `event:${eventId}`)).toMatchObject({ state: 'done', payload: null }),
    );
    expect(desk.logs()).not.toContain('inbox_replay');
  });

  it("while the inbox store fails, a mention gets 503 and nothing runs; Slack's retry after it is back is answered once", async () => {
    h = await startFrontDesk();
    const desk = h;
    const sqlite = new Database(join(desk.dataDir, 'pacs-desk.sqlite'));
    sqlite.exec('ALTER TABLE cluster_inbox RENAME TO cluster_inbox_away');
    const { body, ts } = mentionEnvelope(desk, 'how do I burn a cd for a patient to take away');
    const refused = await postSigned(desk, body);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(desk.logs()).toContain('"code":"inbox_unavailable"');
    expect(await botReplies(desk, ts)).toBe(0);
    sqlite.exec('ALTER TABLE cluster_inbox_away RENAME TO cluster_inbox');
    sqlite.close();
    expect(
      (await postSigned(desk, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } }))
        .status,
    ).toBe(200);
    await waitUntil(async () => expect(await botReplies(desk, ts)).toBe(1));
  });
});

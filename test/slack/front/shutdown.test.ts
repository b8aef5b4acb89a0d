import { existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { commandForm, mentionEnvelope, postSigned, startFrontDesk, startResponseRecorder } from './front-helpers.js';

/**
 * A PACS that holds every request until the test releases it: a check is provably in flight, with no
 * sleep and no timing in the test.
 */
async function startGatedPacs() {
  const held: ServerResponse[] = [];
  let open = false;
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  };
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => (open ? answer(res) : held.push(res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    held: () => held.length,
    release() {
      open = true;
      for (const res of held.splice(0)) answer(res);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const form = 'application/x-www-form-urlencoded';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('R6: graceful shutdown (real bot over HTTP, a PACS check in flight)', () => {
  it('R6: on stop, /readyz is 503 at once, new Slack requests get 503, the in-flight check finishes and posts, then the DB is checkpointed and closed', async () => {
    const pacs = await startGatedPacs();
    const recorder = await startResponseRecorder();
    cleanups.push(pacs.close, recorder.close);
    const h: DeskHarness = await startFrontDesk(
      { PACS_KIND: 'orthanc', PACS_URL: pacs.url },
      { shutdownGraceMs: 60_000 },
    );
    cleanups.push(() => h.stop());

    // An associate runs /pacs status; the PACS holds the request: the check is in flight.
    const status = commandForm('status', recorder.url, { user_id: 'U0ASSOC01', user_name: 'alex.associate' });
    expect((await postSigned(h, status, { contentType: form })).status).toBe(200);
    await waitUntil(() => expect(pacs.held()).toBeGreaterThan(0));

    let stopped = false;
    const stopping = h.desk.stop().then(() => {
      stopped = true;
      return recorder.posts.length;
    });

    const ready = await fetch(`${h.botUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready', checks: { shutdown: 'failing' } });
    const { body } = mentionEnvelope(h, 'viewer says no images');
    const refused = await postSigned(h, body);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
    expect(stopped).toBe(false);
    expect(recorder.posts).toHaveLength(0);

    pacs.release();
    // stop() resolved only after the check's reply had been posted to the response_url.
    const postedBeforeStop = await stopping;
    expect(postedBeforeStop).toBe(1);
    expect(recorder.posts[0]).toContain('main');
    expect(h.logs()).toContain('PACS Desk stopped');
    expect(h.logs()).not.toContain('shutdown grace ran out');

    // The SQLite file was checkpointed (no WAL left behind) and closed; it opens clean.
    const wal = join(h.dataDir, 'pacs-desk.sqlite-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const db = new Database(join(h.dataDir, 'pacs-desk.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    await expect(fetch(`${h.botUrl}/healthz`)).rejects.toThrow();
  });

  it('R6: work that outlives SHUTDOWN_GRACE_MS does not hold shutdown: stop() resolves after the grace and says so', async () => {
    const pacs = await startGatedPacs();
    const recorder = await startResponseRecorder();
    cleanups.push(pacs.close, recorder.close);
    const h = await startFrontDesk({ PACS_KIND: 'orthanc', PACS_URL: pacs.url }, { shutdownGraceMs: 200 });
    cleanups.push(() => h.stop());
    const status = commandForm('status', recorder.url, { user_id: 'U0ASSOC01', user_name: 'alex.associate' });
    expect((await postSigned(h, status, { contentType: form })).status).toBe(200);
    await waitUntil(() => expect(pacs.held()).toBeGreaterThan(0));
    await h.desk.stop();
    expect(h.logs()).toContain('shutdown grace ran out with work in flight');
    expect(h.logs()).toContain('PACS Desk stopped');
  });

  it('R6: an answer still running when the grace runs out is handed over: its inbox lease ends, so the next replica or start finishes it', async () => {
    // An OpenAI-compatible server that never answers: the mention's answer stays in flight.
    const llm = await startGatedPacs();
    cleanups.push(llm.close);
    const h = await startFrontDesk(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${llm.url}v1`, OPENAI_EMBEDDING_MODEL: 'none' },
      { shutdownGraceMs: 200 },
    );
    cleanups.push(() => h.stop());
    const { body, eventId } = mentionEnvelope(h, 'the viewer opens the exam but says no images');
    expect((await postSigned(h, body)).status).toBe(200);
    await waitUntil(() => expect(llm.held()).toBeGreaterThan(0));
    const entry = () => {
      const db = new Database(join(h.dataDir, 'pacs-desk.sqlite'), { readonly: true });
      const row = db
        .prepare('SELECT state, lease_until AS leaseUntil, payload FROM cluster_inbox WHERE key = ?')
        .get(`event:${eventId}`) as { state: string; leaseUntil: number; payload: string | null } | undefined;
      db.close();
      return row;
    };
    expect(entry()).toMatchObject({ state: 'pending' });
    expect(entry()?.leaseUntil).toBeGreaterThan(Date.now());
    expect(JSON.parse(entry()?.payload ?? '{}').event_id).toBe(eventId);
    await h.desk.stop();
    expect(h.logs()).toContain('"handedOver":1');
    expect(entry()).toMatchObject({ state: 'pending' });
    expect(entry()?.leaseUntil).toBeLessThanOrEqual(Date.now());
  });
});

import type { ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotProcess } from '../../helpers/bot-process.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';

/**
 * Graceful shutdown on SIGTERM, through the real signal path: the bot runs in a child process as `npm start`
 * does (local workspace mode), a PACS check is held in flight by a PACS that answers only when told, and the
 * process gets SIGTERM.
 */
const dir = tempDir('front-sigterm-');
let child: ChildProcess | undefined;
const held: ServerResponse[] = [];
const pacs = createServer((_req, res) => held.push(res));
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await new Promise<void>((resolve) => {
    pacs.close(() => resolve());
    pacs.closeAllConnections();
  });
  dir.remove();
});

describe('R6: SIGTERM with a PACS check in flight (child process, as npm start)', () => {
  it('R6: SIGTERM → /readyz 503 at once, the in-flight check still replies, then exit code 0 with the stores closed', async () => {
    await new Promise<void>((resolve) => pacs.listen(0, '127.0.0.1', resolve));
    const started = await startBotProcess(dir.path, {
      PACS_KIND: 'orthanc',
      PACS_URL: `http://127.0.0.1:${(pacs.address() as AddressInfo).port}/`,
      SHUTDOWN_GRACE_MS: '60000',
    });
    const proc = started.child;
    child = proc;
    const workspaceUrl = started.workspaceUrl;
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const bot = started.botUrl;
    expect((await fetch(`${bot}/readyz`)).status).toBe(200);

    // The associate runs /pacs status in the workspace; the PACS holds the request.
    await fetch(`${workspaceUrl}/api/test/post`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'associate', channel: 'radiology-help', text: '/pacs status' }),
    });
    await waitUntil(() => expect(held.length).toBeGreaterThan(0));

    proc.kill('SIGTERM');
    await waitUntil(async () => expect((await fetch(`${bot}/readyz`)).status).toBe(503));
    expect(proc.exitCode).toBeNull();

    // Release the PACS: the check completes, its reply is posted, and only then does the process exit.
    for (const res of held.splice(0)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    }
    pacs.removeAllListeners('request');
    pacs.on('request', (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    expect(await exited).toBe(0);
    expect(started.log()).toContain('"msg":"shutting down"');
    expect(started.log()).toContain('PACS Desk stopped');
    expect(started.log()).not.toContain('shutdown grace ran out');

    const ws = new Database(join(dir.path, 'data', 'workspace.sqlite'), { readonly: true });
    const replies = ws
      .prepare("SELECT data FROM messages WHERE json_extract(data, '$.ephemeral_for') = 'U0ASSOC01'")
      .all() as { data: string }[];
    ws.close();
    expect(replies.map((r) => r.data).join('\n')).toContain('PACS status');
    const db = new Database(join(dir.path, 'data', 'pacs-desk.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, type Workspace, type WorkspaceOptions } from '../../src/devtools/workspace/index.js';

export const SECRET = 'test-signing-secret';
export const TOKEN = 'xoxb-test-token';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'workspace-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A workspace on a fresh temp dir; `close()` stops it and removes the dir. */
export async function startWorkspace(
  options: Partial<WorkspaceOptions> = {},
): Promise<{ ws: Workspace; dir: string; close: () => Promise<void> }> {
  const tmp = tempDir();
  const ws = await createWorkspace({ dataDir: tmp.dir, signingSecret: SECRET, botToken: TOKEN, ...options });
  return {
    ws,
    dir: tmp.dir,
    close: async () => {
      await ws.stop();
      tmp.cleanup();
    },
  };
}

export interface Received {
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
}

/**
 * A bare HTTP "bot" that records what the workspace sends. `reply` decides the answer; a reply
 * returning a never-settling promise simulates a bot that never acks.
 */
export async function startRecorder(
  reply: (r: Received, res: ServerResponse) => void | Promise<void> = (_r, res) => {
    res.writeHead(200);
    res.end();
  },
) {
  const received: Received[] = [];
  const listeners: ((r: Received) => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const isJson = (req.headers['content-type'] ?? '').includes('json');
      const form = Object.fromEntries(new URLSearchParams(raw));
      const body = isJson ? JSON.parse(raw) : form.payload ? JSON.parse(form.payload) : form;
      const r = { headers: req.headers, raw, body };
      received.push(r);
      for (const l of listeners.splice(0)) l(r);
      void reply(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    url,
    received,
    /** Resolves with the n-th (1-based) request once it has arrived. */
    nth(n: number): Promise<Received> {
      return new Promise((resolve) => {
        const check = () => {
          const r = received[n - 1];
          if (r) resolve(r);
          else listeners.push(check);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function api(ws: Workspace, method: string, body: Record<string, unknown>, token = TOKEN) {
  const res = await fetch(`${ws.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

export async function testApi<T = Record<string, unknown>>(ws: Workspace, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${ws.url}/api/test/${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${route} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

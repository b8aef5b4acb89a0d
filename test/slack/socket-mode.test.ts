import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import type { RunningDesk } from '../../src/main.js';
import { blockText } from '../helpers/desk-harness.js';
import { type SocketDesk, startSocketDesk } from '../helpers/socket-desk.js';

/**
 * The whole bot as `npm start` runs it with SLACK_APP_TOKEN: the real composition root and Bolt's
 * SocketModeReceiver, connected to the local workspace over a WebSocket (no request URL at all).
 */
let socket: SocketDesk;
let ws: Workspace;
let desk: RunningDesk;

beforeAll(async () => {
  socket = await startSocketDesk();
  ({ ws, desk } = socket);
});
afterAll(() => socket?.stop());

describe('PACS Desk in Socket Mode (local workspace over a WebSocket)', () => {
  it('connects with the app-level token and has no local workspace of its own', () => {
    expect(desk.workspace).toBeUndefined();
    expect(ws.socketConnections()).toBe(1);
    expect(ws.calls('apps.connections.open')).toMatchObject([{ ok: true }]);
  });

  it('answers a mention in its thread, citing the knowledge-base page', async () => {
    const res = await fetch(`${ws.url}/api/test/post`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: 'clinician',
        channel: 'radiology-help',
        text: `<@${ws.botUserId}> the viewer opens the exam but says no images`,
      }),
    });
    const post = (await res.json()) as { ts: string; deliveries: { status: number; outcome: string }[] };
    expect(post.deliveries.every((d) => d.outcome === 'acked')).toBe(true);
    const reply = await ws.waitForMessage({ channel: 'radiology-help', thread_ts: post.ts, fromBot: true });
    expect(reply.thread_ts).toBe(post.ts);
    expect(blockText(reply.blocks)).toContain('viewer/images-not-displaying.md');
  });

  it('answers GET /healthz with 200 on its own port', async () => {
    const res = await fetch(`http://127.0.0.1:${desk.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });
});

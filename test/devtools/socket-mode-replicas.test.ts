import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { api, startWorkspace, testApi } from './helpers.js';

const APP_TOKEN = 'xapp-1-A0PACSDESK-test';

interface Envelope {
  envelope_id: string;
  type: string;
  retry_attempt?: number;
  retry_reason?: string;
  payload: { event_id?: string; event?: { text?: string } };
}

/**
 * One replica's Socket Mode connection, on a fresh apps.connections.open URL: records envelopes and acks
 * them unless told not to (`ack: false` never acks; `closeOnEnvelope` drops the connection on the first one).
 */
async function replica(ws: Workspace, behaviour: { ack?: boolean; closeOnEnvelope?: boolean } = {}) {
  const { json } = await api(ws, 'apps.connections.open', {}, APP_TOKEN);
  const socket = new WebSocket(String(json.url));
  const envelopes: Envelope[] = [];
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as Envelope;
    if (!m.envelope_id) return;
    envelopes.push(m);
    if (behaviour.closeOnEnvelope) socket.terminate();
    else if (behaviour.ack !== false) socket.send(JSON.stringify({ envelope_id: m.envelope_id, payload: {} }));
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, envelopes, closed, texts: () => envelopes.map((e) => e.payload.event?.text) };
}

const post = (ws: Workspace, text: string) =>
  testApi<{ deliveries: { status: number; outcome: string }[] }>(ws, 'post', {
    user: 'clinician',
    channel: 'dm',
    text,
  });

const socketConnections = async (ws: Workspace) =>
  (await testApi<{ socketConnections: number }>(ws, 'state')).socketConnections;

describe('the workspace with several Socket Mode connections (one per replica)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function workspace(ackTimeoutMs = 3000) {
    const { ws, close } = await startWorkspace({ appToken: APP_TOKEN, ackTimeoutMs, retryDelaysMs: [] });
    cleanups.push(close);
    return ws;
  }
  async function connect(ws: Workspace, behaviour?: Parameters<typeof replica>[1]) {
    const r = await replica(ws, behaviour);
    cleanups.push(() => r.socket.terminate());
    return r;
  }

  it('spreads envelopes over both open connections', async () => {
    const ws = await workspace();
    const [one, two] = [await connect(ws), await connect(ws)];
    for (const text of ['q1', 'q2', 'q3', 'q4']) expect((await post(ws, text)).deliveries[0]?.outcome).toBe('acked');
    expect(one.texts()).toHaveLength(2);
    expect(two.texts()).toHaveLength(2);
    expect([...one.texts(), ...two.texts()].sort()).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('redelivers an envelope the first connection never acks to the other within the ack window', async () => {
    const ws = await workspace(200);
    const silent = await connect(ws, { ack: false });
    const other = await connect(ws);
    const started = Date.now();
    const r = await post(ws, 'is PACS down?');
    const took = Date.now() - started;
    expect(r.deliveries).toEqual([{ status: 200, outcome: 'acked' }]);
    expect(silent.envelopes).toHaveLength(1);
    expect(other.envelopes).toEqual([
      expect.objectContaining({ retry_attempt: 1, retry_reason: 'timeout', payload: silent.envelopes[0]?.payload }),
    ]);
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1000);
  });

  it('redelivers an envelope whose connection closes before the ack on another connection', async () => {
    const ws = await workspace();
    const dying = await connect(ws, { closeOnEnvelope: true });
    const other = await connect(ws);
    const r = await post(ws, 'worklist empty');
    expect(r.deliveries).toEqual([{ status: 200, outcome: 'acked' }]);
    expect(dying.texts()).toEqual(['worklist empty']);
    expect(other.envelopes).toEqual([
      expect.objectContaining({
        retry_attempt: 1,
        retry_reason: 'connection_failed',
        payload: dying.envelopes[0]?.payload,
      }),
    ]);
  });

  it('GET /api/test/state counts the open connections', async () => {
    const ws = await workspace();
    expect(await socketConnections(ws)).toBe(0);
    const one = await connect(ws);
    await connect(ws);
    expect(await socketConnections(ws)).toBe(2);
    one.socket.close();
    await one.closed;
    await expect.poll(() => socketConnections(ws)).toBe(1);
  });
});

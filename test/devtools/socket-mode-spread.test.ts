import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketSendOptions } from '../../src/devtools/workspace/socket-mode.js';
import { SocketSpread, type SpreadSocket } from '../../src/devtools/workspace/socket-mode-spread.js';

interface Sent {
  envelope_id: string;
  type: string;
  payload: { n: number };
  retry_attempt?: number;
  retry_reason?: string;
}

/** A connection that records the envelopes it was sent. */
class FakeSocket implements SpreadSocket {
  readonly sent: Sent[] = [];
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  send(data: string, cb: (error?: Error) => void): void {
    this.sent.push(JSON.parse(data) as Sent);
    cb();
  }
  last(): Sent {
    const s = this.sent.at(-1);
    if (!s) throw new Error(`${this.name} was sent nothing`);
    return s;
  }
}

const WINDOW = 3000;

function options(signal = new AbortController().signal): SocketSendOptions {
  return { retryAttempt: 0, retryReason: '', acceptsResponsePayload: false, timeoutMs: WINDOW, signal };
}

describe('SocketSpread', () => {
  let open: FakeSocket[];
  let logged: string[];
  let spread: SocketSpread<FakeSocket>;
  const a = new FakeSocket('a');
  const b = new FakeSocket('b');

  beforeEach(() => {
    vi.useFakeTimers();
    a.sent.length = 0;
    b.sent.length = 0;
    open = [a, b];
    logged = [];
    spread = new SocketSpread({ open: () => open, queueLimit: 2, log: (line) => logged.push(line) });
  });
  afterEach(() => {
    spread.stop();
    vi.useRealTimers();
  });

  const send = (n: number, o = options()) => spread.send('events_api', { n }, o);

  it('spreads acked envelopes over both connections in turn', async () => {
    for (let n = 1; n <= 4; n++) {
      const acked = send(n);
      const to = [a, b].find((s) => s.sent.at(-1)?.payload.n === n) ?? a;
      spread.ack(to, to.last().envelope_id, {});
      expect(await acked).toEqual({ outcome: 'acked', payload: {} });
    }
    expect(a.sent.map((s) => s.payload.n)).toEqual([1, 3]);
    expect(b.sent.map((s) => s.payload.n)).toEqual([2, 4]);
  });

  it('sends to the connection with fewer unacked envelopes', async () => {
    void send(1); // stays unacked on a
    for (const n of [2, 3]) {
      const acked = send(n);
      expect(b.last().payload.n).toBe(n);
      spread.ack(b, b.last().envelope_id, {});
      await acked;
    }
    expect(a.sent.map((s) => s.payload.n)).toEqual([1]);
    expect(b.sent.map((s) => s.payload.n)).toEqual([2, 3]);
  });

  it('redelivers an envelope not acked within the window on the other connection, and only then', async () => {
    const acked = send(1);
    const first = a.last();
    vi.advanceTimersByTime(WINDOW - 1);
    expect(b.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    const again = b.last();
    expect(again).toMatchObject({ type: 'events_api', payload: { n: 1 }, retry_attempt: 1, retry_reason: 'timeout' });
    expect(again.envelope_id).not.toBe(first.envelope_id);
    spread.ack(a, first.envelope_id, { late: true }); // a's late ack no longer counts
    spread.ack(b, again.envelope_id, {});
    expect(await acked).toEqual({ outcome: 'acked', payload: {} });
  });

  it('reports timeout once every open connection let the window pass', async () => {
    const acked = send(1);
    vi.advanceTimersByTime(2 * WINDOW);
    expect(await acked).toEqual({ outcome: 'timeout' });
    expect([a.sent.length, b.sent.length]).toEqual([1, 1]);
  });

  it('redelivers at once when the connection closes before the ack; with none open it waits for one', async () => {
    const acked = send(1);
    open = [b];
    spread.closed(a);
    expect(b.last()).toMatchObject({ payload: { n: 1 }, retry_attempt: 1, retry_reason: 'connection_failed' });
    open = [];
    spread.closed(b);
    const c = new FakeSocket('c');
    open = [c];
    spread.opened();
    expect(c.last()).toMatchObject({ payload: { n: 1 }, retry_attempt: 2, retry_reason: 'connection_failed' });
    spread.ack(c, c.last().envelope_id, {});
    expect(await acked).toMatchObject({ outcome: 'acked' });
  });

  it('bounds the queue: the oldest envelope is dropped and logged', async () => {
    open = [];
    const results = [send(1), send(2), send(3)];
    expect(logged).toEqual(['[workspace] socket mode: no connection, queue full; dropped a events_api']);
    expect(await results[0]).toEqual({ outcome: 'connection_failed' });
    open = [a];
    spread.opened();
    expect(a.sent.map((s) => s.payload.n)).toEqual([2, 3]);
  });

  it('settles an envelope as connection_failed when the caller aborts or the spread stops', async () => {
    const controller = new AbortController();
    const aborted = send(1, options(controller.signal));
    controller.abort();
    expect(await aborted).toEqual({ outcome: 'connection_failed' });
    open = [];
    const queued = send(2);
    spread.stop();
    expect(await queued).toEqual({ outcome: 'connection_failed' });
    expect(await send(3)).toEqual({ outcome: 'connection_failed' });
  });
});

import { randomUUID } from 'node:crypto';
import type { SocketAck, SocketEnvelopeType, SocketSendOptions } from './socket-mode.js';
import { envelopeText } from './socket-mode-delivery.js';
import type { Json } from './types.js';

/** What the spread needs of a connection (a `ws` WebSocket; tests pass fakes). */
export interface SpreadSocket {
  send(data: string, cb: (error?: Error) => void): void;
}

interface Envelope<S> {
  type: SocketEnvelopeType;
  payload: Json;
  o: SocketSendOptions;
  /** Redeliveries so far; added to the caller's `retryAttempt`. */
  redeliveries: number;
  reason: string;
  tried: Set<S>;
  /** The connection and envelope id it is out on now (a redelivery gets a new id). */
  socket?: S;
  id?: string;
  timer?: NodeJS.Timeout;
  resolve: (ack: SocketAck) => void;
}

export interface SpreadOptions<S> {
  open: () => S[];
  /** Envelopes waiting for a connection when none is open; beyond it the oldest is dropped (default 100). */
  queueLimit?: number;
  log?: (line: string) => void;
}

/**
 * How Slack spreads one app's Socket Mode envelopes: each goes to the least-loaded open connection (ties in
 * turn); one not acked within the ack window is sent again on a connection that has not had it yet, and one
 * whose connection closes first is sent again on any open connection. With none open it waits in a bounded
 * queue. Only when every open connection let the window pass does the caller see `timeout`.
 */
export class SocketSpread<S extends SpreadSocket> {
  private readonly pending = new Map<string, Envelope<S>>();
  private readonly queue: Envelope<S>[] = [];
  private turn = 0;
  private stopped = false;
  private readonly o: SpreadOptions<S>;

  constructor(options: SpreadOptions<S>) {
    this.o = options;
  }

  send(type: SocketEnvelopeType, payload: Json, o: SocketSendOptions): Promise<SocketAck> {
    if (this.stopped || o.signal.aborted) return Promise.resolve({ outcome: 'connection_failed' });
    return new Promise<SocketAck>((resolve) => {
      const e: Envelope<S> = { type, payload, o, redeliveries: 0, reason: '', tried: new Set(), resolve };
      // The caller's signal is one per attempt, so the listener goes with it; a second settle changes nothing.
      o.signal.addEventListener('abort', () => this.settle(e, { outcome: 'connection_failed' }), { once: true });
      this.dispatch(e, this.o.open());
    });
  }

  /** The client's ack; ignored unless it comes on the connection the envelope is out on. */
  ack(ws: S, envelopeId: string, payload: Json | undefined): void {
    const e = this.pending.get(envelopeId);
    if (e && e.socket === ws) this.settle(e, { outcome: 'acked', payload });
  }

  /** A connection closed: what it had not acked goes to another one (or the queue). */
  closed(ws: S): void {
    for (const e of [...this.pending.values()]) if (e.socket === ws) this.redeliver(e, 'connection_failed', []);
  }

  /** A connection opened: queued envelopes go out now. */
  opened(): void {
    for (const e of this.queue.splice(0)) this.dispatch(e, this.o.open());
  }

  /** Envelopes out on `ws` and not yet acked. */
  load(ws: S): number {
    return [...this.pending.values()].filter((e) => e.socket === ws).length;
  }

  /** Settles everything (pending and queued) as `connection_failed` and refuses new envelopes. */
  stop(): void {
    this.stopped = true;
    for (const e of [...this.pending.values(), ...this.queue]) this.settle(e, { outcome: 'connection_failed' });
  }

  private dispatch(e: Envelope<S>, candidates: S[]): void {
    const socket = this.pick(candidates);
    if (this.stopped || !socket) {
      if (this.stopped) this.settle(e, { outcome: 'connection_failed' });
      else this.enqueue(e);
      return;
    }
    const id = randomUUID();
    Object.assign(e, { socket, id });
    e.tried.add(socket);
    this.pending.set(id, e);
    e.timer = setTimeout(() => this.timedOut(e), e.o.timeoutMs);
    const retry = { retryAttempt: e.o.retryAttempt + e.redeliveries, retryReason: e.reason || e.o.retryReason };
    const text = envelopeText(id, e.type, e.payload, { ...e.o, ...retry });
    socket.send(text, (error) => {
      if (error && e.id === id) this.redeliver(e, 'connection_failed', []);
    });
  }

  /** No ack in time: another connection that has not had it yet, else the caller sees `timeout`. */
  private timedOut(e: Envelope<S>): void {
    const others = this.o.open().filter((ws) => !e.tried.has(ws));
    if (others.length > 0) this.redeliver(e, 'timeout', others);
    else this.settle(e, { outcome: 'timeout' });
  }

  private redeliver(e: Envelope<S>, reason: string, candidates: S[]): void {
    this.detach(e);
    e.redeliveries++;
    e.reason = reason;
    this.dispatch(e, candidates.length ? candidates : this.o.open());
  }

  private enqueue(e: Envelope<S>): void {
    this.queue.push(e);
    const limit = this.o.queueLimit ?? 100;
    while (this.queue.length > limit) {
      const dropped = this.queue.shift();
      if (!dropped) break;
      (this.o.log ?? console.warn)(`[workspace] socket mode: no connection, queue full; dropped a ${dropped.type}`);
      this.settle(dropped, { outcome: 'connection_failed' });
    }
  }

  /** The least-loaded candidate; a stable sort from a turning start point, so equal loads take turns. */
  private pick(candidates: S[]): S | undefined {
    const start = this.turn++;
    const order = candidates.map((_, i) => candidates[(start + i) % candidates.length] as S);
    return order.sort((a, b) => this.load(a) - this.load(b))[0];
  }

  private detach(e: Envelope<S>): void {
    clearTimeout(e.timer);
    if (e.id) this.pending.delete(e.id);
    Object.assign(e, { id: undefined, socket: undefined });
  }

  private settle(e: Envelope<S>, ack: SocketAck): void {
    this.detach(e);
    const queued = this.queue.indexOf(e);
    if (queued >= 0) this.queue.splice(queued, 1);
    e.resolve(ack);
  }
}

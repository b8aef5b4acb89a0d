import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { Clock } from '../../core/clock.js';
import { randomHex } from './ids.js';
import type { Json } from './types.js';

/** Envelope `type`s Slack sends over a Socket Mode connection. */
export type SocketEnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketSendOptions {
  /** 0 on the first delivery; Slack's `retry_attempt`. */
  retryAttempt: number;
  retryReason: string;
  acceptsResponsePayload: boolean;
  timeoutMs: number;
  signal: AbortSignal;
}

/** `acked` carries the ack's `payload` (what an HTTP response body would have said). */
export type SocketAck = { outcome: 'acked'; payload: Json | undefined } | { outcome: 'timeout' | 'connection_failed' };

interface SocketModeOptions {
  appId: string;
  now: Clock;
  /** Called after `hello` is sent: deliveries held back for a bot can go now. */
  onConnect: () => void;
  /** How long a URL from apps.connections.open may be used (single use; default 30 s). */
  ticketTtlMs?: number;
}

const PATH = '/socket-mode';
/** How long `close()` waits for the client's close frame before cutting the TCP connection. */
const CLOSE_GRACE_MS = 500;

/**
 * Slack's Socket Mode server side, as @slack/socket-mode 3 expects it: `apps.connections.open` hands out a
 * one-time `ws://…/socket-mode?ticket=…`; on connect the server sends `hello`; envelopes go round-robin over
 * the open connections and are settled by the client's `{envelope_id, payload}` ack. Ping frames are
 * answered by `ws` itself (the client disconnects after 3 unanswered pings).
 */
export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true, clientTracking: true });
  private readonly tickets = new Map<string, number>();
  private readonly pending = new Map<string, { socket: WebSocket; settle: (ack: SocketAck) => void }>();
  private readonly o: SocketModeOptions;
  private turn = 0;

  constructor(options: SocketModeOptions) {
    this.o = options;
  }

  /** `apps.connections.open`: a fresh single-use WebSocket URL on the workspace's own port. */
  open(httpUrl: string): string {
    const ticket = randomHex(16);
    this.tickets.set(ticket, this.o.now() + (this.o.ticketTtlMs ?? 30_000));
    return `${httpUrl.replace(/^http/, 'ws')}${PATH}?ticket=${ticket}`;
  }

  /** The HTTP server's `upgrade` event: accepts a valid ticket, refuses anything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://workspace.local');
    const ticket = url.searchParams.get('ticket') ?? '';
    const expires = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (url.pathname !== PATH || expires === undefined || expires < this.o.now()) {
      const status = url.pathname === PATH ? '401 Unauthorized' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  connections(): number {
    return this.openSockets().length;
  }

  /** Sends one envelope and waits for its ack, the timeout, the abort signal or the connection closing. */
  send(type: SocketEnvelopeType, payload: Json, o: SocketSendOptions): Promise<SocketAck> {
    const sockets = this.openSockets();
    const socket = sockets[this.turn++ % Math.max(1, sockets.length)];
    if (!socket || o.signal.aborted) return Promise.resolve({ outcome: 'connection_failed' });
    const envelopeId = randomUUID();
    return new Promise<SocketAck>((resolve) => {
      const settle = (ack: SocketAck) => {
        clearTimeout(timer);
        o.signal.removeEventListener('abort', aborted);
        this.pending.delete(envelopeId);
        resolve(ack);
      };
      const aborted = () => settle({ outcome: 'connection_failed' });
      const timer = setTimeout(() => settle({ outcome: 'timeout' }), o.timeoutMs);
      o.signal.addEventListener('abort', aborted);
      this.pending.set(envelopeId, { socket, settle });
      const retry = type === 'events_api' ? { retry_attempt: o.retryAttempt, retry_reason: o.retryReason } : {};
      const envelope = { envelope_id: envelopeId, type, payload, accepts_response_payload: o.acceptsResponsePayload };
      socket.send(
        JSON.stringify({ ...envelope, ...retry }),
        (error) => error && settle({ outcome: 'connection_failed' }),
      );
    });
  }

  /** Sends Slack's `disconnect` message (e.g. `refresh_requested`); the client reconnects through a new URL. */
  disconnectAll(reason = 'refresh_requested'): void {
    for (const ws of this.openSockets())
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: debugInfo() }));
  }

  /** Closes every connection (close frame, then a hard cut after a grace period) and settles pending acks. */
  async close(): Promise<void> {
    const clients = [...this.wss.clients];
    await Promise.all(
      clients.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            const cut = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
            ws.once('close', () => {
              clearTimeout(cut);
              resolve();
            });
            ws.close(1001, 'workspace stopping');
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private openSockets(): WebSocket[] {
    return [...this.wss.clients].filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private accept(ws: WebSocket): void {
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.onAck(ws, rawText(data));
    });
    ws.on('close', () => {
      for (const p of [...this.pending.values()]) if (p.socket === ws) p.settle({ outcome: 'connection_failed' });
    });
    ws.on('error', () => ws.terminate());
    const hello = { type: 'hello', num_connections: this.connections(), debug_info: debugInfo() };
    ws.send(JSON.stringify({ ...hello, connection_info: { app_id: this.o.appId } }));
    this.o.onConnect();
  }

  /** The client's ack: `{"envelope_id": "…", "payload": {…}}` (payload is `{}` for a bare `ack()`). */
  private onAck(ws: WebSocket, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    const { envelope_id: id, payload } = message as { envelope_id?: unknown; payload?: unknown };
    const entry = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (!entry || entry.socket !== ws) return;
    const body = payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Json) : undefined;
    entry.settle({ outcome: 'acked', payload: body });
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

function debugInfo(): Json {
  return { host: 'applink-pacs-desk-local', build_number: 1, approximate_connection_time: 18_060 };
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { Clock } from '../../core/clock.js';
import { randomHex } from './ids.js';
import { debugInfo, rawText } from './socket-mode-delivery.js';
import { SocketSpread } from './socket-mode-spread.js';
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
  /** Envelopes held while no connection is open (default 100); beyond it the oldest is dropped and logged. */
  queueLimit?: number;
  log?: (line: string) => void;
}

const PATH = '/socket-mode';
/** How long `close()` waits for the client's close frame before cutting the TCP connection. */
const CLOSE_GRACE_MS = 500;

/**
 * Slack's Socket Mode server side, as @slack/socket-mode 3 expects it: `apps.connections.open` hands out a
 * one-time `ws://…/socket-mode?ticket=…`; on connect the server sends `hello`; envelopes are spread over
 * the open connections and redelivered when not acked (see SocketSpread), settled by the client's
 * `{envelope_id, payload}` ack. Ping frames are
 * answered by `ws` itself (the client disconnects after 3 unanswered pings).
 */
export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true, clientTracking: true });
  private readonly tickets = new Map<string, number>();
  private readonly o: SocketModeOptions;
  private readonly spread: SocketSpread<WebSocket>;

  constructor(options: SocketModeOptions) {
    this.o = options;
    this.spread = new SocketSpread({
      open: () => this.openSockets(),
      queueLimit: options.queueLimit,
      log: options.log,
    });
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

  /** Sends one envelope; resolves with its ack, `timeout` (no open connection acked in time) or `connection_failed`. */
  send(type: SocketEnvelopeType, payload: Json, o: SocketSendOptions): Promise<SocketAck> {
    return this.spread.send(type, payload, o);
  }

  /** Sends Slack's `disconnect` message (e.g. `refresh_requested`); the client reconnects through a new URL. */
  disconnectAll(reason = 'refresh_requested'): void {
    for (const ws of this.openSockets())
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: debugInfo() }));
  }

  /** Closes every connection (close frame, then a hard cut after a grace period) and settles pending acks. */
  async close(): Promise<void> {
    this.spread.stop();
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
    ws.on('close', () => this.spread.closed(ws));
    ws.on('error', () => ws.terminate());
    const hello = { type: 'hello', num_connections: this.connections(), debug_info: debugInfo() };
    ws.send(JSON.stringify({ ...hello, connection_info: { app_id: this.o.appId } }));
    this.spread.opened();
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
    if (typeof id !== 'string') return;
    const body = payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Json) : undefined;
    this.spread.ack(ws, id, body);
  }
}

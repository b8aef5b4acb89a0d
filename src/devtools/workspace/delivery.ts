import type { Clock } from '../../core/clock.js';
import { signSlackRequest } from './signing.js';
import type { SocketModeHub } from './socket-mode.js';
import { deliverOverSocket } from './socket-mode-delivery.js';
import type { Db } from './store.js';
import type { DeliveryRecord, Json } from './types.js';

export interface DeliveryResult {
  status: number;
  body: string;
  outcome: DeliveryRecord['outcome'];
  /** The bot answered non-2xx with `x-slack-no-retry: 1`. */
  noRetry?: boolean;
  /** Sent over a Socket Mode connection rather than to the request URL. */
  via?: 'http' | 'socket';
}

interface DeliveryOptions {
  db: Db;
  now: Clock;
  signingSecret: string;
  getUrl: () => string | undefined;
  ackTimeoutMs: number;
  retryDelaysMs: number[];
  /** How long a request waits for the bot's URL to be set before it counts as `no_url` (0: not at all). */
  waitForUrlMs?: number;
  /** When a Socket Mode client is connected, everything goes over it instead of HTTP (as on Slack). */
  socket?: SocketModeHub;
}

type Kind = DeliveryRecord['kind'];

/**
 * Sends signed requests to the bot's request URL, as Slack does: a request that is not answered within the
 * ack window is abandoned; events are then retried with `x-slack-retry-num` / `x-slack-retry-reason`
 * (immediately, after 1 min, after 5 min by default), unless the bot answered with `x-slack-no-retry: 1`.
 * While a Socket Mode client is connected the same requests go over its WebSocket as envelopes, with the
 * same ack window and retries (`retry_attempt` / `retry_reason`); the ack's payload stands for the body.
 */
export class Delivery {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();
  private stopped = false;
  private urlWaiters = new Set<() => void>();

  private readonly o: DeliveryOptions;

  constructor(options: DeliveryOptions) {
    this.o = options;
  }

  /** Sends a slash command or interactivity form body; never retried (Slack shows an error instead). */
  async sendForm(kind: Kind, form: Record<string, string>): Promise<DeliveryResult> {
    const raw = new URLSearchParams(form).toString();
    return this.attempt(kind, null, raw, 'application/x-www-form-urlencoded', 0);
  }

  /** Stores and sends an Events API envelope; returns the outcome of the first attempt, retries in the background. */
  async sendEvent(envelope: Json): Promise<DeliveryResult> {
    const eventId = String(envelope.event_id);
    const raw = JSON.stringify(envelope);
    this.o.db
      .prepare('INSERT OR REPLACE INTO events (event_id, created_at, body) VALUES (?, ?, ?)')
      .run(eventId, this.o.now(), raw);
    const first = await this.attempt('event', eventId, raw, 'application/json', 0);
    this.scheduleRetry(eventId, raw, first, 1);
    return first;
  }

  /** Re-sends a stored event with the given retry headers; returns the bot's HTTP status. */
  async redeliver(eventId: string, retryNum: number, reason?: string): Promise<number> {
    const result = await this.redeliverEvent(eventId, retryNum, reason);
    if (!result) throw new Error(`No stored event ${eventId}`);
    return result.status;
  }

  /** As `redeliver`, with the whole outcome (over Socket Mode while a client is connected); undefined: no such event. */
  async redeliverEvent(eventId: string, retryNum: number, reason?: string): Promise<DeliveryResult | undefined> {
    const row = this.o.db.prepare('SELECT body FROM events WHERE event_id = ?').get(eventId) as
      | { body: string }
      | undefined;
    if (!row) return undefined;
    return this.attempt('event', eventId, row.body, 'application/json', retryNum, reason);
  }

  list(limit = 200): DeliveryRecord[] {
    return this.o.db.prepare('SELECT * FROM deliveries ORDER BY id DESC LIMIT ?').all(limit) as DeliveryRecord[];
  }

  /** Called when the bot's URL becomes known or a Socket Mode client connects: held-back requests go now. */
  urlChanged(): void {
    for (const wake of this.urlWaiters) wake();
    this.urlWaiters.clear();
  }

  private waitForUrl(): Promise<void> {
    const ms = this.o.waitForUrlMs ?? 0;
    if (ms <= 0 || this.hasTarget()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.urlWaiters.add(done);
    });
  }

  private hasTarget(): boolean {
    return Boolean(this.o.getUrl()) || (this.o.socket?.connections() ?? 0) > 0;
  }

  stop(): void {
    this.stopped = true;
    this.urlChanged();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inflight) c.abort();
  }

  private scheduleRetry(eventId: string, raw: string, last: DeliveryResult, retryNum: number): void {
    const delay = this.o.retryDelaysMs[retryNum - 1];
    if (this.stopped || last.outcome === 'acked' || last.outcome === 'no_url' || last.noRetry || delay === undefined)
      return;
    const timeout = last.via === 'socket' ? 'timeout' : 'http_timeout';
    const reason = last.outcome === 'timeout' ? timeout : last.outcome;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt('event', eventId, raw, 'application/json', retryNum, reason).then((r) =>
        this.scheduleRetry(eventId, raw, r, retryNum + 1),
      );
    }, delay);
    this.timers.add(timer);
  }

  private async attempt(
    kind: Kind,
    eventId: string | null,
    raw: string,
    contentType: string,
    retryNum: number,
    reason?: string,
  ): Promise<DeliveryResult> {
    await this.waitForUrl();
    const url = this.o.getUrl();
    const started = this.o.now();
    if (this.o.socket && this.o.socket.connections() > 0 && !this.stopped)
      return this.attemptSocket(this.o.socket, kind, eventId, raw, retryNum, reason, started);
    if (!url || this.stopped)
      return this.record(kind, eventId, retryNum, started, { status: 0, body: '', outcome: 'no_url' });
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signSlackRequest(this.o.signingSecret, raw, Math.floor(this.o.now() / 1000)),
    };
    if (retryNum > 0) {
      headers['x-slack-retry-num'] = String(retryNum);
      headers['x-slack-retry-reason'] = reason ?? 'http_timeout';
    }
    const controller = new AbortController();
    this.inflight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.o.ackTimeoutMs);
    try {
      const res = await fetch(url, { method: 'POST', headers, body: raw, signal: controller.signal });
      const body = await res.text();
      const ok = res.status >= 200 && res.status < 300;
      const noRetry = !ok && res.headers.get('x-slack-no-retry') === '1';
      return this.record(kind, eventId, retryNum, started, {
        status: res.status,
        body,
        outcome: ok ? 'acked' : 'http_error',
        noRetry,
      });
    } catch {
      return this.record(kind, eventId, retryNum, started, {
        status: 0,
        body: '',
        outcome: timedOut ? 'timeout' : 'connection_failed',
      });
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
  }

  private async attemptSocket(
    socket: SocketModeHub,
    kind: Kind,
    eventId: string | null,
    raw: string,
    retryNum: number,
    reason: string | undefined,
    started: number,
  ): Promise<DeliveryResult> {
    const controller = new AbortController();
    this.inflight.add(controller);
    try {
      const { signal } = controller;
      const r = await deliverOverSocket(socket, {
        kind,
        raw,
        retryNum,
        reason,
        timeoutMs: this.o.ackTimeoutMs,
        signal,
      });
      return this.record(kind, eventId, retryNum, started, { ...r, via: 'socket' });
    } finally {
      this.inflight.delete(controller);
    }
  }

  private record(
    kind: Kind,
    eventId: string | null,
    retryNum: number,
    started: number,
    r: DeliveryResult,
  ): DeliveryResult {
    this.o.db
      .prepare(
        'INSERT INTO deliveries (kind, event_id, retry_num, status, outcome, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(kind, eventId, retryNum, r.status, r.outcome, Math.max(0, this.o.now() - started), started);
    return r;
  }
}

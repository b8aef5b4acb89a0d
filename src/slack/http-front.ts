import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { type Clock, systemClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { createInflight, type Inflight } from './front/inflight.js';
import { readBody } from './front/read-body.js';
import type { ReadinessReport } from './front/readiness.js';
import { createReplayGuard } from './front/replay-guard.js';
import { normalizePath } from './front/request-path.js';
import { type AllowList, isAllowed, parseSlackBody, SlackMediaType, slackMediaType } from './front/slack-body.js';
import { maxSkewSeconds, verifySlackSignature } from './front/verify-signature.js';

export const slackEventsPath = '/slack/events';
/** Well above Slack's largest payload (a view_submission with big state is tens of kB). */
export const defaultBodyLimitBytes = 1024 * 1024;

export interface HttpFrontOptions {
  /**
   * Bolt's HTTP receiver, built with signature verification off: it is only ever called after this
   * front has verified the request. Absent in Socket Mode, where this server only answers health checks.
   */
  boltListener?: RequestListener;
  signingSecret?: string;
  /** Workspaces/orgs and app this deployment serves; empty: all. */
  allow?: AllowList;
  bodyLimitBytes?: number;
  readiness(): Promise<ReadinessReport>;
  /** Shared with the Bolt middleware that counts listener chains, so shutdown waits for both. */
  inflight?: Inflight;
  /** Clock for the signature window and the replay guard; default `systemClock`, tests inject one. */
  now?: Clock;
  logger?: Logger;
}

export interface HttpFront {
  server: Server;
  /** From now on /readyz says 503 and new Slack requests get 503 (Slack retries them). */
  beginShutdown(): void;
}

/**
 * The HTTP server in front of Bolt. Every request gets an answer and nothing reaches Bolt unverified:
 * unknown path 404, wrong method 405, oversized body 413 (before it is read), unexpected content type
 * 415, bad or out-of-window signature 401, malformed body 400, foreign workspace/app 403. Also /healthz
 * (alive) and /readyz (dependencies). Bolt's own listener throws on paths it does not own, which used to
 * take the process down; it now only ever sees the canonical events path.
 */
export function createHttpFront(options: HttpFrontOptions): HttpFront {
  const now = options.now ?? systemClock;
  const limit = options.bodyLimitBytes ?? defaultBodyLimitBytes;
  const inflight = options.inflight ?? createInflight();
  const log = options.logger?.child({ component: 'http-front' });
  let shuttingDown = false;
  // A timestamp may be up to the window away either side of now, so remember for twice the window.
  const replays = createReplayGuard(2 * maxSkewSeconds * 1000);

  const refuse = (res: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}) => {
    if (status === 401 || status === 403) log?.warn({ status, reason }, 'Slack request refused');
    else log?.debug({ status, reason }, 'request refused');
    // The body may be unread: close the connection rather than read what we refused. The reason stays
    // in the log; the client learns only the status.
    send(res, status, STATUS_CODES[status] ?? '', { connection: 'close', ...headers });
  };

  async function slackRequest(req: IncomingMessage, res: ServerResponse, bolt: RequestListener): Promise<void> {
    if (shuttingDown) return refuse(res, 503, 'shutting_down', { 'retry-after': '5' });
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) return refuse(res, 413, 'too_large');
    const type = slackMediaType(req.headers['content-type']);
    if (!type) return refuse(res, 415, 'unsupported_media_type');
    const done = inflight.begin();
    res.once('close', done);
    const read = await readBody(req, limit);
    if (!read.ok) return read.reason === 'too_large' ? refuse(res, 413, 'too_large') : void req.destroy();
    if (type === SlackMediaType.Form && isSslCheck(read.body)) return send(res, 200, '');
    const signature = options.signingSecret
      ? verifySlackSignature({ secret: options.signingSecret, headers: req.headers, rawBody: read.body, nowMs: now() })
      : 'missing';
    if (signature !== 'ok') return refuse(res, 401, `signature_${signature}`);
    const body = parseSlackBody(type, read.body);
    if (!body) return refuse(res, 400, 'malformed_body');
    if (body.type !== 'url_verification' && options.allow && !isAllowed(body, options.allow)) {
      return refuse(res, 403, 'not_allowed');
    }
    if (type === SlackMediaType.Form && replays.seen(String(req.headers['x-slack-signature']), now())) {
      log?.warn({ reason: 'replayed' }, 'Slack request replayed; acknowledged, not run');
      return send(res, 200, '');
    }
    // Hand Bolt the verified bytes: it skips reading a request that already carries `rawBody`.
    Object.assign(req, { rawBody: read.body, url: slackEventsPath });
    req.headers['content-type'] = type;
    bolt(req, res);
  }

  async function readyz(res: ServerResponse): Promise<void> {
    const report = shuttingDown
      ? { ready: false, checks: { shutdown: 'failing' as const } }
      : await options.readiness().catch(() => ({ ready: false, checks: {} }));
    sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not_ready', checks: report.checks });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = normalizePath(req.url);
    const method = (req.method ?? '').toUpperCase();
    if (path === '/healthz' || path === '/readyz') {
      if (method !== 'GET' && method !== 'HEAD') return refuse(res, 405, 'method_not_allowed', { allow: 'GET, HEAD' });
      return path === '/healthz' ? send(res, 200, 'ok') : readyz(res);
    }
    if (path === slackEventsPath && options.boltListener) {
      if (method !== 'POST') return refuse(res, 405, 'method_not_allowed', { allow: 'POST' });
      return slackRequest(req, res, options.boltListener);
    }
    return refuse(res, 404, 'not_found');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log?.error({ err: (error as Error)?.name ?? 'Error' }, 'HTTP front failed on a request');
      if (!res.headersSent) send(res, 500, 'internal_error', { connection: 'close' });
      else res.destroy();
    });
  });
  // A client that trickles headers or body cannot hold a connection for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return {
    server,
    beginShutdown() {
      shuttingDown = true;
    },
  };
}

function isSslCheck(raw: Buffer): boolean {
  // Slack's `ssl_check=1` probe is unsigned; answered empty, never handed to Bolt.
  return raw.length < 200 && new URLSearchParams(raw.toString('utf8')).get('ssl_check') === '1';
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from './types.js';

const MAX_BODY = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Web API arguments from a query string, a form body or a JSON body. Form values stay strings;
 * object-valued fields (`blocks`, `view`, …) are JSON strings there and are decoded by `objArg`.
 */
export function parseArgs(req: IncomingMessage, raw: string, url: URL): Json {
  const args: Json = Object.fromEntries(url.searchParams);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!raw) return args;
  if (type.includes('application/json')) {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(args, parsed);
    return args;
  }
  for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
  return args;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(text);
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `host[:port]` → its lower-case host name (IPv6 kept in brackets) and port, or undefined if malformed. */
function splitHost(value: string): { name: string; port: string } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  return m?.[1] ? { name: m[1].toLowerCase(), port: m[2] ?? '80' } : undefined;
}

/**
 * Why a request must be refused before routing, or undefined. The workspace serves only loopback clients:
 * a `Host` other than a loopback name (or the address the request arrived on) with the listening port is a
 * DNS-rebinding attempt (421); a browser `Origin` that is not that same host:port is another site (403).
 */
export function refuseForeign(req: IncomingMessage): { status: number; error: string } | undefined {
  const port = String(req.socket.localPort ?? '');
  const local = req.socket.localAddress ?? '';
  const allowed = (hostPort: string) => {
    const h = splitHost(hostPort);
    if (!h || h.port !== port) return false;
    return LOOPBACK_NAMES.has(h.name) || h.name === local || h.name === `[${local}]`;
  };
  if (!allowed(req.headers.host ?? '')) return { status: 421, error: 'host_not_allowed' };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const m = /^http:\/\/([^/]+)$/i.exec(origin);
    if (!m?.[1] || !allowed(m[1])) return { status: 403, error: 'origin_not_allowed' };
  }
  return undefined;
}

/** True when the request declares a JSON body (`application/json`, any parameters). */
export function isJsonRequest(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

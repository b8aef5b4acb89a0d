import { Agent, request } from 'node:http';
import type { SoakClass, SoakRequest } from './soak-traffic.js';

/** What one class of requests got back: status counts (0 = no HTTP response at all) and ack latencies. */
export interface ClassResult {
  sent: number;
  statuses: Map<number, number>;
  latencies: number[];
}

export type LoadResult = Map<SoakClass, ClassResult>;

export interface LoadOptions {
  baseUrl: string;
  rate: number;
  seconds: number;
  build(n: number): SoakRequest;
  /** Called with every request sent and the status it got, e.g. to remember the replies to expect. */
  onResult?(req: SoakRequest, status: number): void;
}

/**
 * Open-loop load: request n is due at start + n / rate whatever happened to the earlier ones, and its latency
 * is measured from when it was due, so a slow bot shows as latency (not as a lower request rate) and a late
 * generator cannot hide it either.
 */
export async function runLoad(options: LoadOptions): Promise<{ result: LoadResult; maxLagMs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(options.baseUrl);
  const result: LoadResult = new Map();
  const total = Math.round(options.rate * options.seconds);
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let maxLagMs = 0;
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    const req = options.build(n);
    const entry: ClassResult = result.get(req.kind) ?? { sent: 0, statuses: new Map(), latencies: [] };
    result.set(req.kind, entry);
    entry.sent++;
    const p = send(url, req, req.kind === 'oversized' ? undefined : agent).then((status) => {
      entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
      if (status > 0) entry.latencies.push(performance.now() - due);
      options.onResult?.(req, status);
      inFlight.delete(p);
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { result, maxLagMs };
}

/** Sends one request; resolves with the status, or 0 when no response came (refused, reset, 30 s timeout). */
function send(url: URL, req: SoakRequest, agent: Agent | undefined): Promise<number> {
  return new Promise((resolve) => {
    let status = 0;
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.chunked) headers['transfer-encoding'] = 'chunked';
    else if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    const r = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: agent ?? false },
      (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => resolve(status));
        res.on('error', () => resolve(status));
      },
    );
    r.setTimeout(30_000, () => r.destroy(new Error('timeout')));
    // A server that refuses a large body early may reset the socket while we are still writing: the status
    // it sent first is what counts.
    r.on('error', () => resolve(status));
    if (req.chunked && req.body !== undefined) {
      const body = Buffer.from(req.body);
      for (let i = 0; i < body.length && !r.destroyed; i += 64 * 1024) r.write(body.subarray(i, i + 64 * 1024));
      r.end();
    } else r.end(req.body);
  });
}

import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';

/** Slack's replay window: requests signed more than five minutes away from now are refused. */
const maxSkewSeconds = 300;

export interface HttpFrontOptions {
  /** Bolt's HTTP receiver; absent in Socket Mode, where this server only answers health checks. */
  boltListener?: RequestListener;
  isReady(): boolean;
  now?: () => number;
}

/**
 * The HTTP server in front of Bolt. Bolt rejects old timestamps but accepts future ones, so this adds the
 * other half of the window before Bolt verifies the signature. It also answers /healthz (the process is
 * alive) and /readyz (the knowledge base is indexed and we are not shutting down).
 */
export function createHttpFront(options: HttpFrontOptions): Server {
  const now = options.now ?? Date.now;
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, 'ok');
    if (req.method === 'GET' && path === '/readyz')
      return options.isReady() ? send(res, 200, 'ready') : send(res, 503, 'not ready');
    if (req.method === 'POST' && path === '/slack/events') {
      const header = req.headers['x-slack-request-timestamp'];
      const ts = Number(Array.isArray(header) ? header[0] : header);
      if (!Number.isInteger(ts) || Math.abs(now() / 1000 - ts) > maxSkewSeconds) return send(res, 401, '');
    }
    if (!options.boltListener) return send(res, 404, 'not found');
    options.boltListener(req, res);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Ctx } from './context.js';
import { refuseForeign, sendJson, sendText } from './http-util.js';
import { readPageAsset } from './page/assets.js';
import { renderPage } from './page/index.js';
import { handleResponseUrl } from './response-url.js';
import { createTestApi } from './test-api/index.js';
import { createWebApi } from './web-api/index.js';

/** One HTTP server: the web page and its files, the Web API, the test API, response_url hooks and Socket Mode upgrades. */
export function createWorkspaceServer(ctx: Ctx, botToken: string, appToken?: string) {
  const webApi = createWebApi(ctx, botToken, appToken);
  const testApi = createTestApi(ctx, webApi.calls);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refuseForeign(req);
    if (refused) return sendJson(res, refused.status, { ok: false, error: refused.error });
    const url = new URL(req.url ?? '/', 'http://workspace.local');
    const path = url.pathname;
    if (path.startsWith('/api/test/')) return testApi.handle(req, res, path.slice('/api/test/'.length), url);
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST' && req.method !== 'GET')
        return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
      return webApi.handle(req, res, decodeURIComponent(path.slice('/api/'.length)), url);
    }
    const hook = /^\/hooks\/respond\/([a-f0-9]+)$/.exec(path);
    if (hook?.[1] && req.method === 'POST') return handleResponseUrl(ctx, req, res, hook[1]);
    if (req.method === 'GET' && (path === '/' || path === '/index.html'))
      return sendText(res, 200, renderPage(), 'text/html; charset=utf-8');
    if (req.method === 'GET' && path.startsWith('/page/')) {
      const asset = await readPageAsset(path.slice('/page/'.length));
      if (asset) return sendText(res, 200, asset.body, asset.type);
    }
    if (req.method === 'GET' && path === '/healthz') return sendText(res, 200, 'ok');
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('[workspace] request failed', req.method, req.url, error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const refused = refuseForeign(req);
    if (!refused) return ctx.socketMode.handleUpgrade(req, socket, head);
    socket.end(`HTTP/1.1 ${refused.status} ${refused.error}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  return { server, calls: webApi.calls };
}

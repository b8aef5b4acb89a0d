import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from '../context.js';
import { ALL_CHANNELS, findChannel, findPersona } from '../directory.js';
import { TestApiError } from '../errors.js';
import { isJsonRequest, readBody, sendJson } from '../http-util.js';
import { BOT_ID, BOT_NAME, BOT_USER_ID, TEAM_ID } from '../ids.js';
import { getAssistantThread } from '../messaging.js';
import { testDirectory } from '../overrides.js';
import { PERSONAS, USERGROUPS } from '../seed.js';
import type { Json, StoredMessage, ViewRecord } from '../types.js';
import type { ApiCall } from '../web-api/index.js';
import { testClick, testOpenHome, testReact, testShortcut } from './interact.js';
import { testClose, testSubmit } from './modal.js';
import { testPost } from './post.js';
import { testRedeliver } from './redeliver.js';

/** A message as the test API returns it: absent fields are explicit nulls. */
export function messageOut(m: StoredMessage): Json {
  return {
    ...m,
    user: m.user ?? null,
    bot_id: m.bot_id ?? null,
    blocks: m.blocks ?? null,
    thread_ts: m.thread_ts ?? null,
    ephemeral_for: m.ephemeral_for ?? null,
    streaming: m.streaming ?? false,
  };
}

export function viewOut(v: ViewRecord): Json {
  const view = v.view;
  return {
    id: v.id,
    callback_id: v.callback_id,
    title: v.title,
    blocks: v.blocks,
    external_id: v.external_id,
    private_metadata: v.private_metadata,
    hash: v.hash,
    submit: (view.submit as { text?: string } | null)?.text ?? null,
    close: (view.close as { text?: string } | null)?.text ?? null,
    notify_on_close: view.notify_on_close === true,
    errors: v.errors ?? {},
  };
}

function state(ctx: Ctx): Json {
  return {
    team_id: TEAM_ID,
    bot: { user_id: BOT_USER_ID, bot_id: BOT_ID, name: BOT_NAME },
    users: PERSONAS.map((p) => ({ id: p.id, name: p.name, persona: p.persona, real_name: p.realName, dm: p.dm })),
    channels: ALL_CHANNELS.filter((c) => !c.isIm).map((c) => ({ id: c.id, name: c.name })),
    dms: ALL_CHANNELS.filter((c) => c.isIm).map((c) => ({ id: c.id, user: c.user })),
    usergroups: USERGROUPS.map((g) => ({ id: g.id, handle: g.handle, users: [...g.members] })),
    /** Open Socket Mode connections of the app (e.g. one per bot replica). */
    socketConnections: ctx.socketMode.connections(),
  };
}

type PostRoute = (ctx: Ctx, body: Json) => Promise<Json>;
const POST_ROUTES: Record<string, PostRoute> = {
  post: testPost,
  redeliver: testRedeliver,
  click: testClick,
  submit: testSubmit,
  close: testClose,
  react: testReact,
  'open-home': testOpenHome,
  shortcut: testShortcut,
  directory: testDirectory,
};

/** The JSON test/script API under `/api/test/` (a contract other tests and the web page rely on). */
export function createTestApi(ctx: Ctx, calls: () => ApiCall[]) {
  function get(route: string, q: URLSearchParams): unknown {
    const user = q.get('user') ?? undefined;
    switch (route) {
      case 'state':
        return state(ctx);
      case 'messages': {
        const c = findChannel(q.get('channel') ?? '', user);
        if (!c) throw new TestApiError('channel_not_found', `Unknown channel ${q.get('channel')}`);
        return ctx.messages.list(c.id, q.get('thread_ts') ?? undefined).map(messageOut);
      }
      case 'views':
        return ctx.views.stack(findPersona(user ?? '')?.id ?? user ?? '').map(viewOut);
      case 'home': {
        const home = ctx.views.home(findPersona(user ?? '')?.id ?? user ?? '');
        return home ? { ...viewOut(home), view: home.view } : null;
      }
      case 'assistant': {
        const c = findChannel(q.get('channel') ?? '', user);
        return c ? getAssistantThread(ctx, c.id, q.get('thread_ts') ?? undefined) : {};
      }
      case 'deliveries':
        return ctx.delivery.list(Number(q.get('limit') ?? 200));
      case 'calls':
        return calls().filter((c) => !q.get('method') || c.method === q.get('method'));
      default:
        throw new TestApiError('not_found', `No GET /api/test/${route}`, 404);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, route: string, url: URL): Promise<void> {
    try {
      if (req.method === 'GET')
        return sendJson(res, 200, get(route, url.searchParams), { 'cache-control': 'no-store' });
      const fn = req.method === 'POST' ? POST_ROUTES[route] : undefined;
      if (!fn) throw new TestApiError('not_found', `No ${req.method} /api/test/${route}`, 404);
      // A form or text/plain POST is what another web page can send without a CORS preflight.
      if (!isJsonRequest(req))
        throw new TestApiError('unsupported_media_type', 'POST /api/test/* takes Content-Type: application/json', 415);
      const raw = await readBody(req);
      let body: Json;
      try {
        body = raw ? (JSON.parse(raw) as Json) : {};
      } catch {
        throw new TestApiError('invalid_json', 'The body must be JSON');
      }
      sendJson(res, 200, await fn(ctx, body));
    } catch (error) {
      if (error instanceof TestApiError)
        return sendJson(res, error.status, { ok: false, error: error.code, message: error.message });
      console.error('[workspace] test API error', route, error);
      sendJson(res, 500, {
        ok: false,
        error: 'internal_error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return { handle };
}

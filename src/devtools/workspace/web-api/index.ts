import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from '../context.js';
import { ApiError, RateLimitedError } from '../errors.js';
import { parseArgs, readBody, sendJson } from '../http-util.js';
import { overridesOf } from '../overrides.js';
import type { Json } from '../types.js';
import { chatMethods } from './chat.js';
import type { MethodTable } from './common.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import { handleFileTransfer, isFileTransfer } from './files-transfer.js';
import { peopleMethods } from './people.js';
import { streamMethods } from './stream.js';
import { viewMethods } from './views.js';

const METHODS: MethodTable = {
  ...chatMethods,
  ...streamMethods,
  ...viewMethods,
  ...peopleMethods,
  ...conversationMethods,
  ...fileMethods,
};

/** One Web API call as the workspace saw it (for debugging tests: `GET /api/test/calls`). */
export interface ApiCall {
  method: string;
  args: Json;
  ok: boolean;
  error?: string;
  at: number;
}

const MAX_CALLS = 1000;

/** Methods that take the app-level token (`xapp-…`) and refuse the bot token. */
const APP_METHODS: MethodTable = {
  'apps.connections.open': (_args, ctx) => ({ url: ctx.socketMode.open(ctx.url) }),
};

/** `invalid_auth` for an unknown token; `not_allowed_token_type` for a known token of the wrong kind. */
function authError(token: string | undefined, expected: string | undefined, other: string | undefined) {
  if (token && token === expected) return undefined;
  return token && token === other ? 'not_allowed_token_type' : 'invalid_auth';
}

/** Serves `POST|GET /api/<method>`: Bearer auth, Slack's `{ok, …}` shapes, 429 + Retry-After for rate limits. */
export function createWebApi(ctx: Ctx, botToken: string, appToken?: string) {
  const calls: ApiCall[] = [];
  const log = (call: ApiCall) => {
    calls.push(call);
    if (calls.length > MAX_CALLS) calls.shift();
  };

  async function handle(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    if (isFileTransfer(method)) return handleFileTransfer(ctx, req, res, method);
    const raw = await readBody(req);
    let args: Json;
    try {
      args = parseArgs(req, raw, url);
    } catch {
      return sendJson(res, 200, { ok: false, error: 'invalid_json' });
    }
    const appMethod = Object.hasOwn(APP_METHODS, method);
    const handler = appMethod ? APP_METHODS[method] : Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
    if (!handler) return sendJson(res, 200, { ok: false, error: 'unknown_method', req_method: method });
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    const { token: _t, ...loggedArgs } = args;
    const denied = appMethod ? authError(token, appToken, botToken) : authError(token, botToken, appToken);
    if (denied) {
      log({ method, args: loggedArgs, ok: false, error: denied, at: ctx.now() });
      return sendJson(res, 200, { ok: false, error: denied });
    }
    try {
      const failure = overridesOf(ctx).failing.get(method);
      if (failure === 'hang') return; // never answered: the caller's own timeout has to fire
      if (failure) throw new ApiError(failure);
      const result = await handler(args, ctx);
      log({ method, args: loggedArgs, ok: true, at: ctx.now() });
      sendJson(res, 200, { ok: true, ...result }, scopeHeaders);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        log({ method, args: loggedArgs, ok: false, error: 'ratelimited', at: ctx.now() });
        return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(error.retryAfterSec) });
      }
      if (error instanceof ApiError) {
        log({ method, args: loggedArgs, ok: false, error: error.code, at: ctx.now() });
        return sendJson(res, 200, { ok: false, error: error.code, ...error.extra });
      }
      log({ method, args: loggedArgs, ok: false, error: 'internal_error', at: ctx.now() });
      console.error('[workspace] internal error in', method, error);
      sendJson(res, 200, { ok: false, error: 'internal_error' });
    }
  }

  return { handle, calls: () => [...calls] };
}

const scopeHeaders = {
  'x-oauth-scopes':
    'app_mentions:read,assistant:write,chat:write,commands,im:history,im:read,im:write,users:read,usergroups:read',
};

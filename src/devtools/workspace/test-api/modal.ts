import type { Ctx } from '../context.js';
import { ApiError, TestApiError } from '../errors.js';
import type { Json, ViewRecord } from '../types.js';
import { viewArg } from '../web-api/views.js';
import { interactionBase } from './payloads.js';
import { parseAck } from './post.js';
import { optionalString, persona } from './resolve.js';

function openView(ctx: Ctx, user: string, viewId: string): ViewRecord {
  const v = ctx.views.get(viewId);
  if (!v || v.user !== user || v.type !== 'modal' || !ctx.views.isOpen(viewId))
    throw new TestApiError('view_not_found', `No open modal ${viewId} for ${user}`);
  return v;
}

/** Applies a `response_action` view (update/push) as Slack would, reporting an invalid view to the caller. */
function applyView(ctx: Ctx, v: ViewRecord, response: Json, action: 'update' | 'push'): Json | undefined {
  try {
    const view = viewArg({ view: response.view }, 'modal');
    const next = action === 'update' ? ctx.views.replace(v, view) : ctx.views.push(v.user, view);
    ctx.bus.emit('view', next);
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return { error: error.code, ...error.extra };
    throw error;
  }
}

/**
 * `POST /api/test/submit`: submits a modal with `values` in `view.state.values` shape and applies the bot's ack:
 * `errors` keeps the view open (errors shown on fields), `update`/`push`/`clear` as Slack, empty closes the view.
 */
export async function testSubmit(ctx: Ctx, body: Json): Promise<Json> {
  const p = persona(body);
  const v = openView(ctx, p.id, optionalString(body, 'view_id') ?? '');
  const values = (body.values as Json | undefined) ?? {};
  const payload = {
    ...interactionBase(p, 'view_submission', ctx.triggers.issue(p.id)),
    view: { ...v.view, state: { values } },
    response_urls: [],
  };
  const result = await ctx.delivery.sendForm('interactivity', { payload: JSON.stringify(payload) });
  if (result.outcome !== 'acked')
    return { error: result.outcome === 'timeout' ? 'operation_timeout' : 'dispatch_failed', status: result.status };
  const parsed = parseAck(result.body);
  const response: Json = parsed && typeof parsed === 'object' ? parsed : {};
  const action = response.response_action;
  if (action === 'errors') {
    ctx.views.save({ ...v, errors: (response.errors as Record<string, string>) ?? {} });
  } else if (action === 'update' || action === 'push') {
    const failure = applyView(ctx, v, response, action);
    if (failure) return { ...response, ...failure };
  } else if (action === 'clear') {
    ctx.views.closeAll(p.id);
  } else {
    ctx.views.close(v.id);
  }
  const fresh = ctx.views.get(v.id);
  if (fresh) ctx.bus.emit('view', fresh);
  return response;
}

/** `POST /api/test/close`: the person closes a modal; `view_closed` is sent if the view asked for it. */
export async function testClose(ctx: Ctx, body: Json): Promise<Json> {
  const p = persona(body);
  const v = openView(ctx, p.id, optionalString(body, 'view_id') ?? '');
  const clear = v.view.clear_on_close === true;
  if (clear) ctx.views.closeAll(p.id);
  else ctx.views.close(v.id);
  ctx.bus.emit('view', v);
  if (v.view.notify_on_close !== true) return { status: null };
  const payload = { ...interactionBase(p, 'view_closed', ''), view: v.view, is_cleared: clear };
  delete (payload as Json).trigger_id;
  const result = await ctx.delivery.sendForm('interactivity', { payload: JSON.stringify(payload) });
  return { status: result.status };
}

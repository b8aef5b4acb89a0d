import { validateBlocks } from '../blocks.js';
import type { Ctx } from '../context.js';
import { isKnownUser } from '../directory.js';
import { ApiError, objArg, str } from '../errors.js';
import type { Json, ViewRecord } from '../types.js';
import type { MethodTable } from './common.js';

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(messages: string[]): never {
  throw new ApiError('invalid_arguments', { response_metadata: { messages } });
}

function shortText(v: unknown, field: string, errs: string[], required: boolean): void {
  if (v === undefined || v === null) {
    if (required) errs.push(`[ERROR] missing required field: ${field} [json-pointer:/view/${field}]`);
    return;
  }
  const t = isObj(v) ? v.text : undefined;
  if (!isObj(v) || v.type !== 'plain_text' || typeof t !== 'string')
    errs.push(`[ERROR] must be a plain_text object [json-pointer:/view/${field}]`);
  else if (t.length > 24) errs.push(`[ERROR] must be less than 25 characters [json-pointer:/view/${field}/text]`);
}

/** The `view` argument, validated with Slack's modal/Home limits; errors → `invalid_arguments`. */
export function viewArg(args: Json, expected: 'modal' | 'home' | 'any'): Json {
  const view = objArg(args, 'view');
  if (!isObj(view)) invalid(['[ERROR] missing required field: view']);
  const type = view.type;
  if (type !== 'modal' && type !== 'home') invalid(['[ERROR] must be one of modal, home [json-pointer:/view/type]']);
  if (expected !== 'any' && type !== expected)
    invalid([`[ERROR] view type must be ${expected} [json-pointer:/view/type]`]);
  const errs: string[] = [];
  if (type === 'modal') {
    shortText(view.title, 'title', errs, true);
    shortText(view.submit, 'submit', errs, false);
    shortText(view.close, 'close', errs, false);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && !view.submit)
      errs.push('[ERROR] submit is required when input blocks are present [json-pointer:/view/submit]');
  }
  errs.push(...validateBlocks(view.blocks ?? [], type, '/view/blocks'));
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255)
    errs.push('[ERROR] callback_id too long [json-pointer:/view/callback_id]');
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
    errs.push('[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]');
  if (JSON.stringify(view).length > 250_000) throw new ApiError('view_too_large');
  if (errs.length) invalid(errs);
  return view;
}

function changed(ctx: Ctx, v: ViewRecord): Json {
  ctx.bus.emit('view', v);
  return { view: v.view };
}

function triggerUser(ctx: Ctx, args: Json): string {
  return ctx.triggers.consume(str(args, 'trigger_id') ?? str(args, 'interactivity_pointer'));
}

export const viewMethods: MethodTable = {
  'views.open': (args, ctx) => {
    const view = viewArg(args, 'modal');
    return changed(ctx, ctx.views.open(triggerUser(ctx, args), view));
  },

  'views.push': (args, ctx) => {
    const view = viewArg(args, 'modal');
    return changed(ctx, ctx.views.push(triggerUser(ctx, args), view));
  },

  'views.update': (args, ctx) => {
    const id = str(args, 'view_id');
    const external = str(args, 'external_id');
    if (!id && !external) invalid(['[ERROR] view_id or external_id is required']);
    const existing = id ? ctx.views.get(id) : ctx.views.byExternalId(external ?? '');
    if (!existing) throw new ApiError('not_found');
    const hash = str(args, 'hash');
    if (hash && hash !== existing.hash) throw new ApiError('hash_conflict');
    const view = viewArg(args, existing.type);
    return changed(ctx, ctx.views.replace(existing, view));
  },

  'views.publish': (args, ctx) => {
    const user = str(args, 'user_id');
    if (!user || !isKnownUser(user)) throw new ApiError('user_not_found');
    const view = viewArg(args, 'home');
    const hash = str(args, 'hash');
    const existing = ctx.views.home(user);
    if (hash && existing && hash !== existing.hash) throw new ApiError('hash_conflict');
    return changed(ctx, ctx.views.publishHome(user, view));
  },
};

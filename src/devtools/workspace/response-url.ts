import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateBlocks } from './blocks.js';
import type { Ctx } from './context.js';
import { readBody, sendJson } from './http-util.js';
import { randomHex } from './ids.js';
import { addMessage, botMessage, echoBotMessage, saveMessage } from './messaging.js';
import type { Json } from './types.js';

const MAX_USES = 5;
const LIFETIME_MS = 30 * 60_000;

interface Target {
  channel: string;
  user: string;
  /** The message an interaction came from (replace_original / delete_original act on it). */
  source?: { channel: string; ts: string };
  thread_ts?: string;
}

/** Issues a `response_url` (`${url}/hooks/respond/<id>`), valid for 5 uses within 30 minutes, as Slack's. */
export function createResponseUrl(ctx: Ctx, target: Target): string {
  const id = randomHex(12);
  ctx.db
    .prepare('INSERT INTO response_urls (id, created_at, data) VALUES (?, ?, ?)')
    .run(id, ctx.now(), JSON.stringify(target));
  return `${ctx.url}/hooks/respond/${id}`;
}

/** `POST /hooks/respond/<id>` with JSON `{text, blocks, response_type, replace_original, delete_original, thread_ts}`. */
export async function handleResponseUrl(
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  const row = ctx.db.prepare('SELECT created_at, uses, data FROM response_urls WHERE id = ?').get(id) as
    | { created_at: number; uses: number; data: string }
    | undefined;
  if (!row) return sendJson(res, 404, { ok: false, error: 'no_such_url' });
  if (ctx.now() - row.created_at > LIFETIME_MS) return sendJson(res, 404, { ok: false, error: 'expired_url' });
  if (row.uses >= MAX_USES) return sendJson(res, 404, { ok: false, error: 'used_url' });
  let body: Json;
  try {
    const raw = await readBody(req);
    body = (raw.trim().startsWith('{') ? JSON.parse(raw) : { text: raw }) as Json;
  } catch {
    return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
  }
  const target = JSON.parse(row.data) as Target;
  const blocks = body.blocks as unknown[] | undefined;
  if (blocks !== undefined) {
    const errors = validateBlocks(blocks, 'message');
    if (errors.length) return sendJson(res, 400, { ok: false, error: 'invalid_blocks', errors });
  }
  const text = typeof body.text === 'string' ? body.text : '';
  if (!text && !blocks?.length && !body.delete_original) return sendJson(res, 400, { ok: false, error: 'no_text' });
  ctx.db.prepare('UPDATE response_urls SET uses = uses + 1 WHERE id = ?').run(id);

  const source = target.source ? ctx.messages.get(target.source.channel, target.source.ts) : undefined;
  if (isTrue(body.delete_original)) {
    if (source) {
      ctx.messages.delete(source.channel, source.ts);
      ctx.bus.emit('deleted', { channel: source.channel, ts: source.ts });
    }
    return sendJson(res, 200, { ok: true });
  }
  if (isTrue(body.replace_original) && source) {
    saveMessage(ctx, { ...source, text, ...(blocks ? { blocks } : { blocks: undefined }) });
    return sendJson(res, 200, { ok: true });
  }
  const inChannel = body.response_type === 'in_channel';
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : target.thread_ts;
  const m = addMessage(
    ctx,
    botMessage(target.channel, {
      text,
      ...(blocks ? { blocks } : {}),
      ...(inChannel ? {} : { ephemeral_for: target.user }),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    }),
  );
  if (inChannel) echoBotMessage(ctx, m);
  sendJson(res, 200, { ok: true });
}

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

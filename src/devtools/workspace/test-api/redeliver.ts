import type { Ctx } from '../context.js';
import { TestApiError } from '../errors.js';
import type { Json } from '../types.js';
import { optionalString } from './resolve.js';

/**
 * `POST /api/test/redeliver` `{ event_id, retry_num?, reason? }`: Slack retrying a stored event, as
 * `ws.redeliver` does in process (over Socket Mode on any open connection while the app has one, else to the
 * request URL), with `retry_num` (default 1) and `reason` (default: `timeout` in Socket Mode, `http_timeout`).
 */
export async function testRedeliver(ctx: Ctx, body: Json): Promise<Json> {
  const eventId = optionalString(body, 'event_id');
  if (!eventId) throw new TestApiError('no_event_id', 'event_id is required (POST /api/test/post returns event_ids)');
  const retryNum = body.retry_num ?? 1;
  if (typeof retryNum !== 'number' || !Number.isInteger(retryNum) || retryNum < 1 || retryNum > 100)
    throw new TestApiError('invalid_retry_num', 'retry_num must be a whole number from 1 to 100');
  const result = await ctx.delivery.redeliverEvent(eventId, retryNum, optionalString(body, 'reason'));
  if (!result) throw new TestApiError('event_not_found', `No stored event ${eventId}`, 404);
  return {
    event_id: eventId,
    retry_num: retryNum,
    status: result.status,
    outcome: result.outcome,
    via: result.via ?? 'http',
  };
}

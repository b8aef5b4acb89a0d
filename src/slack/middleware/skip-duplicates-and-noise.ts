import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';

const ignoredSubtypes = new Set(['bot_message', 'message_changed', 'message_deleted', 'channel_join', 'channel_leave']);

/**
 * Global middleware, before any listener. Bolt acks events itself but does not deduplicate: Slack's
 * retries (x-slack-retry-num) reuse the event_id, so each id is processed at most once. Events from
 * bots (other apps included), edits and deletions are dropped so nothing is answered twice or re-run.
 */
export function skipDuplicatesAndNoise(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const envelope = body as { event_id?: string; event?: Record<string, unknown> };
    const event = envelope.event;
    if (event) {
      const subtype = typeof event.subtype === 'string' ? event.subtype : undefined;
      if (event.bot_id || (subtype && ignoredSubtypes.has(subtype)) || event.edited) return;
      // Slack marks bookkeeping messages (edits, deletions, thread notices) hidden: never a person asking.
      if (event.hidden === true) return;
      if (context.botUserId && event.user === context.botUserId) return;
    }
    if (envelope.event_id && !(await deps.dedupe.claim(envelope.event_id))) {
      deps.logger.debug({ eventId: envelope.event_id, retryNum: context.retryNum }, 'duplicate event skipped');
      return;
    }
    await next();
  };
}

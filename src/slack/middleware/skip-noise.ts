import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

const ignoredSubtypes = new Set(['bot_message', 'message_changed', 'message_deleted', 'channel_join', 'channel_leave']);

/**
 * Global middleware, before any listener. Events from bots (other apps included), edits and deletions are
 * dropped so nothing is answered twice or re-run. Slack's retries of one event (same event_id) never get here:
 * the inbox in front of Bolt (src/slack/inbox/inbox-receiver.ts) admits each unit of work once across replicas.
 */
export function skipNoise(): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const envelope = body as { event?: Record<string, unknown> };
    const event = envelope.event;
    if (event) {
      const subtype = typeof event.subtype === 'string' ? event.subtype : undefined;
      if (event.bot_id || (subtype && ignoredSubtypes.has(subtype)) || event.edited) return;
      // Slack marks bookkeeping messages (edits, deletions, thread notices) hidden: never a person asking.
      if (event.hidden === true) return;
      if (context.botUserId && event.user === context.botUserId) return;
    }
    await next();
  };
}

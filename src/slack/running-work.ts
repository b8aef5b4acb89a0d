import type { App } from '@slack/bolt';
import { createInflight } from './front/inflight.js';

/**
 * Counts listener chains still running after the ack (processBeforeResponse is off), for a graceful stop, and
 * which events they serve: if the grace runs out, those events' dedupe claims are released so Slack's retry
 * (to this bot after a restart, or to another instance) is answered rather than skipped.
 */
export function trackRunningWork(app: App) {
  const inflight = createInflight();
  const runningEvents = new Map<string, number>();
  app.use(async ({ body, next }) => {
    const done = inflight.begin();
    const eventId = (body as { event_id?: unknown }).event_id;
    const id = typeof eventId === 'string' ? eventId : undefined;
    if (id) runningEvents.set(id, (runningEvents.get(id) ?? 0) + 1);
    try {
      await next();
    } finally {
      done();
      if (id) {
        const left = (runningEvents.get(id) ?? 1) - 1;
        if (left > 0) runningEvents.set(id, left);
        else runningEvents.delete(id);
      }
    }
  });
  return { inflight, unfinishedEvents: () => [...runningEvents.keys()] };
}

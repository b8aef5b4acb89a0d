import type { AckFn, App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../../core/logger.js';

/** Payload types Slack documents; anything else is logged as `unknown` (the type string is caller-chosen). */
const knownTypes = new Set([
  'event_callback',
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'interactive_message',
  'dialog_submission',
  'dialog_suggestion',
  'dialog_cancellation',
  'app_rate_limited',
  'url_verification',
]);

type Body = Record<string, unknown>;

/**
 * Acknowledges every request no listener acknowledged, as soon as Bolt has finished with it. Bolt routes
 * a request to all matching listeners at once and leaves the rest unanswered: Slack then waits 3 s
 * (5 s for `function_executed`), gets a 404 and Bolt logs an error — for `view_closed`, external-select
 * lookups (`block_suggestion`), shortcuts or buttons of other versions, workflow steps, `app_rate_limited`
 * and anything of a type Bolt cannot route. Real listeners ack first, so they keep priority; this only
 * answers what is left. It wraps `processEvent`, the one entry point of both receivers (HTTP and Socket Mode).
 */
export function acknowledgeUnhandled(app: App, logger: Logger): void {
  const process = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    let acked = false;
    const ack: AckFn<unknown> = async (response) => {
      acked = true;
      await event.ack(response);
    };
    try {
      await process({ ...event, ack });
    } catch (error) {
      // Bolt threw before or outside a listener (e.g. a payload without `user` or `team`): never a 5xx.
      logger.warn({ kind: describe(event.body).kind, err: (error as Error).name }, 'Slack request could not be routed');
    }
    if (acked) return;
    const { kind, detail } = describe(event.body);
    logger.debug({ kind, ...detail }, 'Slack request without a listener acknowledged');
    // An external select waits for options; an empty list shows "no results" instead of an error.
    await event.ack(kind === 'block_suggestion' ? { options: [] } : undefined).catch(() => undefined);
  };
}

/** What to log about a request: its type and ids of our own shape, never text the user typed. */
function describe(body: unknown): { kind: string; detail: Record<string, string> } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Body;
  const event = typeof b.event === 'object' && b.event !== null ? (b.event as Body) : undefined;
  const detail: Record<string, string> = {};
  if (event) {
    detail.event = safeId(event.type);
    return { kind: 'event_callback', detail };
  }
  if (typeof b.command === 'string') return { kind: 'command', detail };
  const kind = typeof b.type === 'string' && knownTypes.has(b.type) ? b.type : 'unknown';
  const actions = Array.isArray(b.actions) ? (b.actions as Body[]) : [];
  if (typeof actions[0]?.action_id === 'string') detail.actionId = safeId(actions[0].action_id);
  if (typeof b.action_id === 'string') detail.actionId = safeId(b.action_id);
  if (typeof b.callback_id === 'string') detail.callbackId = safeId(b.callback_id);
  const view = typeof b.view === 'object' && b.view !== null ? (b.view as Body) : undefined;
  if (typeof view?.callback_id === 'string') detail.callbackId = safeId(view.callback_id);
  return { kind, detail };
}

/**
 * Ids are logged only in the shape of ours and of Slack's type names (lower-case snake_case, no digits):
 * anything else was chosen by the sender and could carry an identifier.
 */
function safeId(value: unknown): string {
  return typeof value === 'string' && /^[a-z][a-z_]{0,63}$/.test(value) ? value : 'other';
}

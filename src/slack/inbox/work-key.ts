import { createHash } from 'node:crypto';

/**
 * The inbox key of one unit of Slack work, or undefined for what is not worth claiming. Slack reuses `event_id`
 * on every retry of an event. A slash command or an interaction has no such id, but a redelivery repeats the
 * same payload byte for byte while a second invocation differs (a new `trigger_id`, `action_ts`, view hash), so
 * the payload's digest is the key. Options lookups (`block_suggestion`) are answered inline within 3 s, change
 * nothing, and are not claimed.
 */
export function workKeyOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string' && body.event_id) return `event:${body.event_id}`;
  if (body.type === 'block_suggestion' || body.type === 'url_verification') return undefined;
  const kind = typeof body.command === 'string' ? 'command' : 'interaction';
  return `${kind}:${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}`;
}

/** The kind of work a key names (`event`, `command`, …), for logs: never the payload. */
export const workKind = (key: string): string => key.slice(0, key.indexOf(':'));

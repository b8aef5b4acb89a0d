import type { RawData } from 'ws';
import type { SocketAck, SocketEnvelopeType, SocketModeHub, SocketSendOptions } from './socket-mode.js';
import type { DeliveryRecord, Json } from './types.js';

type Kind = DeliveryRecord['kind'];

const ENVELOPE_TYPE: Record<Kind, SocketEnvelopeType> = {
  event: 'events_api',
  command: 'slash_commands',
  interactivity: 'interactive',
};

/**
 * What Slack puts in an envelope's `payload`: the body the HTTP request would carry, decoded.
 * Events are the JSON envelope; slash commands the form fields as an object; interactivity the parsed
 * `payload` form field.
 */
export function socketPayload(kind: Kind, raw: string): Json {
  if (kind === 'event') return JSON.parse(raw) as Json;
  const form = Object.fromEntries(new URLSearchParams(raw));
  if (kind === 'interactivity' && typeof form.payload === 'string') return JSON.parse(form.payload) as Json;
  return form;
}

/** One envelope as Slack frames it; only `events_api` envelopes carry `retry_attempt` / `retry_reason`. */
export function envelopeText(
  id: string,
  type: SocketEnvelopeType,
  payload: Json,
  o: Pick<SocketSendOptions, 'acceptsResponsePayload' | 'retryAttempt' | 'retryReason'>,
): string {
  const envelope = { envelope_id: id, type, payload, accepts_response_payload: o.acceptsResponsePayload };
  const retry = type === 'events_api' ? { retry_attempt: o.retryAttempt, retry_reason: o.retryReason } : {};
  return JSON.stringify({ ...envelope, ...retry });
}

/**
 * The ack's `payload` as the HTTP response body it stands for: a bare `ack()` sends `payload: {}` (an empty
 * 200 over HTTP), so that becomes `''`; anything else is its JSON.
 */
export function ackBody(payload: Json | undefined): string {
  if (!payload || Object.keys(payload).length === 0) return '';
  return JSON.stringify(payload);
}

export interface SocketAttempt {
  kind: Kind;
  raw: string;
  retryNum: number;
  reason: string | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

/** One delivery over Socket Mode, reported in the same terms as an HTTP attempt (an ack counts as a 200). */
export async function deliverOverSocket(
  hub: SocketModeHub,
  a: SocketAttempt,
): Promise<{ status: number; body: string; outcome: 'acked' | 'timeout' | 'connection_failed' }> {
  const ack: SocketAck = await hub.send(ENVELOPE_TYPE[a.kind], socketPayload(a.kind, a.raw), {
    retryAttempt: a.retryNum,
    // Slack sends `retry_reason: ""` on a first delivery and `timeout` when the ack window passed.
    retryReason: a.retryNum > 0 ? (a.reason ?? 'timeout') : '',
    acceptsResponsePayload: a.kind !== 'event',
    timeoutMs: a.timeoutMs,
    signal: a.signal,
  });
  if (ack.outcome === 'acked') return { status: 200, body: ackBody(ack.payload), outcome: 'acked' };
  return { status: 0, body: '', outcome: ack.outcome };
}

/** A WebSocket text frame as a string. */
export function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/** Slack's `debug_info` on hello and disconnect messages. */
export function debugInfo(): Json {
  return { host: 'applink-pacs-desk-local', build_number: 1, approximate_connection_time: 18_060 };
}

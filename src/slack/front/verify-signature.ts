import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's replay window: a request signed more than five minutes away from now, either way, is refused. */
export const maxSkewSeconds = 300;

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'outside_window' | 'mismatch';

/**
 * Verifies `X-Slack-Signature` over the raw body bytes (`v0:<ts>:<body>`, HMAC-SHA256, compared in
 * constant time) and the timestamp window in both directions against an injectable clock.
 */
export function verifySlackSignature(options: {
  secret: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  nowMs: number;
}): SignatureCheck {
  const ts = options.headers['x-slack-request-timestamp'];
  const signature = options.headers['x-slack-signature'];
  if (typeof ts !== 'string' || typeof signature !== 'string' || ts === '' || signature === '') return 'missing';
  // Up to 12 digits: enough for any real Unix time, and no float, sign or exponent sneaks through.
  if (!/^\d{1,12}$/.test(ts) || !/^v0=[0-9a-f]{64}$/.test(signature)) return 'malformed';
  if (Math.abs(Math.floor(options.nowMs / 1000) - Number(ts)) > maxSkewSeconds) return 'outside_window';
  const expected = createHmac('sha256', options.secret).update(`v0:${ts}:`).update(options.rawBody).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}

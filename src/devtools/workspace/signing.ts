import { createHmac } from 'node:crypto';

/**
 * Slack's request signature: `v0=hex(hmac_sha256(secret, "v0:<ts>:<rawBody>"))`.
 * Returns the two headers a receiver such as Bolt's HTTPReceiver verifies.
 *
 * @example signSlackRequest('secret', '{"type":"event_callback"}', Math.floor(Date.now() / 1000))
 */
export function signSlackRequest(secret: string, rawBody: string, timestampSec: number): Record<string, string> {
  const ts = String(Math.floor(timestampSec));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': ts, 'x-slack-signature': signature };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/devtools/workspace/index.js';
import { type DeskHarness, startDesk, testSigningSecret } from '../helpers/desk-harness.js';
import { waitUntil } from '../helpers/wait-until.js';

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk();
});
afterAll(() => h.stop());

let n = 0;
async function sendEvent(event: Record<string, unknown>): Promise<number> {
  n += 1;
  const body = JSON.stringify({
    token: 'x',
    team_id: h.ws.teamId,
    api_app_id: 'A0PACSDESK',
    type: 'event_callback',
    event_id: `EvIgnored${n}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  const response = await fetch(`${h.botUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signSlackRequest(testSigningSecret, body, Math.floor(Date.now() / 1000)),
    },
    body,
  });
  return response.status;
}

describe('events the bot must not answer', () => {
  it('S8: ignores other bots (incl. one posting "lookup MRN"), its own messages, edits and deletions, and answers only the real question', async () => {
    const mention = `<@${h.ws.botUserId}> viewer says no images`;
    const noise = [
      {
        type: 'app_mention',
        bot_id: 'B0OTHER',
        user: 'U0OTHERBOT',
        channel: 'C0RADHELP',
        ts: '1700000001.000100',
        text: mention,
      },
      {
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'B0OTHER',
        channel: 'D0CLINIC1',
        channel_type: 'im',
        ts: '1700000002.000100',
        text: 'lookup MRN 123',
      },
      {
        type: 'message',
        subtype: 'message_changed',
        channel: 'D0CLINIC1',
        channel_type: 'im',
        ts: '1700000003.000100',
        message: { user: 'U0CLINIC1', text: 'viewer says no images', ts: '1700000000.000100' },
      },
      {
        type: 'message',
        subtype: 'message_deleted',
        channel: 'D0CLINIC1',
        channel_type: 'im',
        ts: '1700000004.000100',
        deleted_ts: '1700000000.000100',
      },
      { type: 'app_mention', user: h.ws.botUserId, channel: 'C0RADHELP', ts: '1700000005.000100', text: mention },
    ];
    for (const event of noise) expect(await sendEvent(event)).toBe(200);
    // A real question afterwards: once its answer is in, the noise (sent first) has been handled too.
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'dm',
      text: 'viewer says no images',
    });
    await h.ws.waitForMessage({ thread_ts: ts, fromBot: true });
    await waitUntil(() => expect(h.ws.calls('chat.postMessage').length).toBeGreaterThan(0));
    const answered = h.ws.calls('chat.postMessage').map((c) => String(c.args.thread_ts));
    expect(answered).toEqual([ts]);
    expect(h.logs()).not.toContain('lookup MRN');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/devtools/workspace/index.js';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { waitUntil } from '../helpers/wait-until.js';

let h: DeskHarness;
let mention: string;

beforeAll(async () => {
  h = await startDesk();
  mention = `<@${h.ws.botUserId}>`;
});
afterAll(() => h.stop());

async function ask(text: string, channel = 'radiology-help', extra: Record<string, unknown> = {}) {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', { user: 'clinician', channel, text, ...extra });
  return ts;
}

describe('answers in Slack (real Bolt app over HTTP, local workspace)', () => {
  it('answers a mention in the thread of the question, with sources and feedback buttons', async () => {
    const ts = await ask(`${mention} the viewer opens the exam but says no images`);
    const reply = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect(reply.thread_ts).toBe(ts);
    const blocks = blockText(reply.blocks);
    expect(blocks).toContain('"type":"markdown"');
    expect(blocks).toContain('viewer/images-not-displaying.md');
    expect(blocks).toContain('answer_feedback_up');
    expect(blocks).toContain('answer_feedback_down');
    expect(h.ws.calls('assistant.threads.setStatus').length).toBeGreaterThan(0);
    const post = await waitUntil(() => {
      const call = h.ws.calls('chat.postMessage').find((c) => c.args.thread_ts === ts);
      if (!call) throw new Error('chat.postMessage not recorded yet');
      return call;
    });
    expect(String(post?.args.unfurl_links)).toBe('false');
    expect(String(post?.args.unfurl_media)).toBe('false');
  });

  it('answers a direct message in its thread', async () => {
    const ts = await ask('how do I get the PACS access sorted for a new locum doctor', 'dm');
    const reply = await h.ws.waitForMessage({ thread_ts: ts, fromBot: true });
    expect(blockText(reply.blocks)).toContain('access/requesting-pacs-access.md');
  });

  it('uses the earlier turns of a thread for a follow-up question', async () => {
    const root = await ask(`${mention} patient isn't on the scanner worklist`);
    const first = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: root, fromBot: true });
    const before = h.ws.calls('conversations.replies').length;
    await ask(`${mention} and what if it still isn't there after that?`, 'radiology-help', { thread_ts: root });
    const second = await h.ws.waitForMessage({
      channel: 'radiology-help',
      thread_ts: root,
      fromBot: true,
      after: first.ts,
    });
    expect(h.ws.calls('conversations.replies').length).toBe(before + 1);
    expect(blockText(second.blocks)).toContain('modality/worklist-problems.md');
  });

  it('answers once when Slack retries the same event_id', async () => {
    const ts = await ask(`${mention} how do I burn a cd for a patient to take away`);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    const eventId = h.ws.deliveries().find((d) => d.kind === 'event' && d.event_id)?.event_id;
    expect(eventId).toMatch(/^Ev/);
    for (const n of [1, 2, 3]) expect(await h.ws.redeliver(eventId ?? '', n, 'http_timeout')).toBe(200);
    await waitUntil(() => expect(h.logs().match(/duplicate delivery skipped/g)?.length ?? 0).toBeGreaterThanOrEqual(3));
    const replies = await h.api<{ bot_id?: string }[]>(`/api/test/messages?channel=radiology-help&thread_ts=${ts}`);
    expect(replies.filter((m) => m.bot_id)).toHaveLength(1);
  });

  it('never pings a channel or a person back, whatever the question holds', async () => {
    const ts = await ask(`${mention} <!channel> <!here> <@U0SOMEONE> viewer says no images`);
    const reply = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    const raw = `${reply.text} ${blockText(reply.blocks)}`;
    expect(raw).not.toMatch(/<!(channel|here|everyone)>/);
    expect(raw).not.toContain('<@U0SOMEONE>');
  });

  it('refuses forged, stale and future-dated signatures with 401 and runs nothing', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      event_id: 'EvForged',
      event: { type: 'app_mention', text: 'hi', user: 'U1', channel: 'C1', ts: '1.1' },
    });
    const now = Math.floor(Date.now() / 1000);
    const post = (headers: Record<string, string>) =>
      fetch(`${h.botUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await post(signSlackRequest('wrong-secret', body, now))).status).toBe(401);
    const stale = signSlackRequest('wrong-secret', body, now - 360);
    expect((await post(stale)).status).toBe(401);
    expect((await post({ 'x-slack-request-timestamp': String(now + 360), 'x-slack-signature': 'v0=00' })).status).toBe(
      401,
    );
    expect((await post({})).status).toBe(401);
    expect(h.ws.deliveries().some((d) => d.event_id === 'EvForged')).toBe(false);
  });

  it('serves liveness and readiness', async () => {
    expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
    expect(((await (await fetch(`${h.botUrl}/readyz`)).json()) as { status: string }).status).toBe('ready');
  });

  it('logs no question text, patient identifier or token', async () => {
    const ts = await ask(`${mention} images missing for John Smith MRN 12345678 DOB 01/02/1960`);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    const logs = h.logs();
    expect(logs).toContain('"msg":"answered"');
    for (const secret of ['John Smith', '12345678', '01/02/1960', 'images missing', 'xoxb-', 'http request body'])
      expect(logs).not.toContain(secret);
  });
});

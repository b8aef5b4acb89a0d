import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { waitUntil } from '../../helpers/wait-until.js';
import {
  botReplies,
  commandForm,
  mentionEnvelope,
  postSigned,
  rawSignature,
  startFrontDesk,
  startResponseRecorder,
} from './front-helpers.js';

let h: DeskHarness;
let recorder: Awaited<ReturnType<typeof startResponseRecorder>>;
// The front's clock, injected: tests move it instead of waiting (the workspace is not used to sign here).
let clockMs = Date.now();
const clockSec = () => Math.floor(clockMs / 1000);

beforeAll(async () => {
  h = await startFrontDesk({}, { requestClock: () => clockMs });
  recorder = await startResponseRecorder();
});
afterAll(async () => {
  await recorder.close();
  await h.stop();
});

/** Posts raw headers + body to the events URL (for headers signSlackRequest cannot produce). */
function post(body: string, headers: Record<string, string>, contentType = 'application/json') {
  return fetch(`${h.botUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
}

/** Sends a correctly signed copy of the same mention and waits for its reply: the bot was able to run. */
async function controlReply(text: string): Promise<string> {
  const { body, ts } = mentionEnvelope(h, text);
  expect((await postSigned(h, body, { tsSec: clockSec() })).status).toBe(200);
  await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
  return ts;
}

describe('Slack request signatures at the HTTP front (real bot, real HTTP)', () => {
  it('S1: a missing, empty, non-numeric or absurdly large timestamp or signature gets 401 and runs no listener', async () => {
    const { body, ts } = mentionEnvelope(h, 'viewer says no images');
    const good = rawSignature(String(clockSec()), body);
    const huge = '99999999999999';
    const cases: Record<string, string>[] = [
      {},
      { 'x-slack-signature': good },
      { 'x-slack-request-timestamp': String(clockSec()) },
      { 'x-slack-request-timestamp': '', 'x-slack-signature': good },
      { 'x-slack-request-timestamp': String(clockSec()), 'x-slack-signature': '' },
      // signed correctly with the odd timestamp, so only the timestamp itself can be what is refused
      { 'x-slack-request-timestamp': 'abc', 'x-slack-signature': rawSignature('abc', body) },
      { 'x-slack-request-timestamp': '1e9', 'x-slack-signature': rawSignature('1e9', body) },
      { 'x-slack-request-timestamp': `${clockSec()}.5`, 'x-slack-signature': rawSignature(`${clockSec()}.5`, body) },
      { 'x-slack-request-timestamp': huge, 'x-slack-signature': rawSignature(huge, body) },
      { 'x-slack-request-timestamp': '-1', 'x-slack-signature': rawSignature('-1', body) },
      { 'x-slack-request-timestamp': String(clockSec()), 'x-slack-signature': 'v1=abc' },
    ];
    for (const headers of cases) expect((await post(body, headers)).status, JSON.stringify(headers)).toBe(401);
    // The same event, correctly signed, is answered; the refused copies left nothing in the thread.
    expect(
      (await post(body, { 'x-slack-request-timestamp': String(clockSec()), 'x-slack-signature': good })).status,
    ).toBe(200);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect(await botReplies(h, ts)).toBe(1);
  });

  it('S2: a wrong secret, one changed body byte or reordered form fields get 401; verification is on the raw bytes', async () => {
    const { body, ts } = mentionEnvelope(h, 'viewer says no images');
    expect((await postSigned(h, body, { tsSec: clockSec(), secret: 'wrong-secret' })).status).toBe(401);
    const signed = {
      'x-slack-request-timestamp': String(clockSec()),
      'x-slack-signature': rawSignature(String(clockSec()), body),
    };
    const oneByte = body.replace('viewer says', 'viewer sayz');
    expect((await post(oneByte, signed)).status).toBe(401);
    // Same JSON value, different bytes (whitespace): still refused, the signature covers bytes not meaning.
    expect((await post(body.replace('{', '{ '), signed)).status).toBe(401);
    // A command form with two fields swapped after signing.
    const form = commandForm('help', recorder.url);
    const formSig = {
      'x-slack-request-timestamp': String(clockSec()),
      'x-slack-signature': rawSignature(String(clockSec()), form),
    };
    const fields = form.split('&');
    const reordered = [fields[1], fields[0], ...fields.slice(2)].join('&');
    expect((await post(reordered, formSig, 'application/x-www-form-urlencoded')).status).toBe(401);
    // Control: the original bytes pass, and only they ran.
    expect((await post(form, formSig, 'application/x-www-form-urlencoded')).status).toBe(200);
    await waitUntil(() => expect(recorder.posts.length).toBe(1));
    expect((await post(body, signed)).status).toBe(200);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect(await botReplies(h, ts)).toBe(1);
  });

  it('S2: a url_verification challenge is answered only when signed', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'ch4llenge-front', type: 'url_verification' });
    const unsigned = await post(body, {});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).not.toContain('ch4llenge-front');
    expect((await postSigned(h, body, { tsSec: clockSec(), secret: 'wrong-secret' })).status).toBe(401);
    const signed = await postSigned(h, body, { tsSec: clockSec() });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ challenge: 'ch4llenge-front' });
  });

  it('S3: correctly signed at now-301 s or now+301 s gets 401; now-299 s and now+299 s are accepted (injected clock)', async () => {
    // An hour away from the real time: only the injected clock can make -299 acceptable and -301 not.
    clockMs = Date.now() - 3_600_000;
    try {
      for (const offset of [-301, 301, -100_000, 100_000]) {
        const { body, ts } = mentionEnvelope(h, 'viewer says no images');
        expect((await postSigned(h, body, { tsSec: clockSec() + offset })).status, `offset ${offset}`).toBe(401);
        expect(await botReplies(h, ts)).toBe(0);
      }
      for (const offset of [-299, 299]) {
        const { body, ts } = mentionEnvelope(h, 'viewer says no images');
        expect((await postSigned(h, body, { tsSec: clockSec() + offset })).status, `offset ${offset}`).toBe(200);
        await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
      }
    } finally {
      clockMs = Date.now();
    }
  });

  it('S4: an identical signed event replayed within the window gets 200 and runs once', async () => {
    const { body, ts } = mentionEnvelope(h, 'viewer says no images');
    const tsSec = clockSec();
    expect((await postSigned(h, body, { tsSec })).status).toBe(200);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect((await postSigned(h, body, { tsSec })).status).toBe(200);
    await controlReply('worklist is empty');
    expect(await botReplies(h, ts)).toBe(1);
  });

  it('S4: an identical signed slash command replayed within the window gets 200 and runs once', async () => {
    const before = recorder.posts.length;
    const form = commandForm('help', recorder.url);
    const tsSec = clockSec();
    const send = () => postSigned(h, form, { tsSec, contentType: 'application/x-www-form-urlencoded' });
    expect((await send()).status).toBe(200);
    await waitUntil(() => expect(recorder.posts.length).toBe(before + 1));
    expect((await send()).status).toBe(200);
    // Control: a fresh command (new trigger, new signature) runs, and the replay in between did not.
    const fresh = commandForm('help', recorder.url);
    expect((await postSigned(h, fresh, { tsSec, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
    await waitUntil(() => expect(recorder.posts.length).toBeGreaterThanOrEqual(before + 2));
    await h.ws.waitForMessage({
      channel: 'radiology-help',
      thread_ts: await controlReply('still no images'),
      fromBot: true,
    });
    expect(recorder.posts.length).toBe(before + 2);
  });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskHarness } from '../../helpers/desk-harness.js';
import { mentionEnvelope, parseResponse, postSigned, startFrontDesk } from './front-helpers.js';

let h: DeskHarness;

beforeAll(async () => {
  h = await startFrontDesk();
});
afterAll(() => h.stop());

/**
 * Sends the request head and only `sent` bytes of the body, then waits for the bot's answer without
 * sending the rest: a response proves the front decided before reading the whole body.
 */
function partialPost(
  head: string[],
  firstBytes: Buffer[],
): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(h.desk.port, '127.0.0.1');
    let raw = '';
    socket.on('data', (c: Buffer) => {
      raw += c.toString('latin1');
      if (raw.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(parseResponse(raw));
      }
    });
    socket.on('error', (error) => (raw.includes('\r\n\r\n') ? undefined : reject(error)));
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    for (const chunk of firstBytes) socket.write(chunk);
  });
}

const eventsHead = [`POST /slack/events HTTP/1.1`, 'host: 127.0.0.1', 'content-type: application/json'];

async function stillAnswers(): Promise<void> {
  const { body, ts } = mentionEnvelope(h, 'the viewer opens the exam but says no images');
  expect((await postSigned(h, body)).status).toBe(200);
  await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
}

describe('HTTP front: body size, content type and malformed bodies', () => {
  it('S5: a 5 MiB unsigned POST gets 413 from its Content-Length, before the body is sent', async () => {
    const res = await partialPost(
      [...eventsHead, `content-length: ${5 * 1024 * 1024}`],
      [Buffer.alloc(64 * 1024, 'a')],
    );
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    await stillAnswers();
  });

  it('S5: a chunked body that passes 1 MiB gets 413 while it is still being sent', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'b');
    const framed = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    // 5 chunks = 1.25 MiB, and no terminating chunk: the body never ends.
    const res = await partialPost([...eventsHead, 'transfer-encoding: chunked'], Array(5).fill(framed(chunk)));
    expect(res.status).toBe(413);
    await stillAnswers();
  });

  it('S5: an unexpected content type gets 415 before the signature is looked at', async () => {
    const { body } = mentionEnvelope(h, 'viewer says no images');
    for (const contentType of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml', '']) {
      const res = await postSigned(h, body, { contentType });
      expect(res.status, contentType).toBe(415);
    }
    await stillAnswers();
  });

  it('B8: a signed malformed JSON body or interactivity payload gets 400 with no stack trace, and the bot runs on', async () => {
    const form = 'application/x-www-form-urlencoded';
    const cases: [string, string][] = [
      ['{"type":"event_callback","event":', 'application/json'],
      ['[1,2,3]', 'application/json'],
      ['null', 'application/json'],
      ['payload=%7Bnot-json', form],
      ['payload=%5B%5D', form],
      [`payload=${encodeURIComponent('{"type":"block_actions"}')}&payload=x`, form],
    ];
    for (const [body, contentType] of cases) {
      const res = await postSigned(h, body, { contentType });
      const text = await res.text();
      expect(res.status, body).toBe(400);
      expect(text).not.toMatch(/SyntaxError|at .*:\d+|JSON/);
    }
    expect(h.logs()).not.toContain('not-json');
    await stillAnswers();
  });

  it('S5: a Slack ssl_check probe is answered 200 and never reaches a listener', async () => {
    const res = await fetch(`${h.botUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=x',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

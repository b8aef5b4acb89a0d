import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createAnswerStreamer } from '../../src/slack/answer-streamer.js';

/** A WebClient with just what the streamer uses: a ChatStreamer-like object and chat.update, recording calls. */
function fakeClient(options: { startsAfterChars?: number; updateFails?: boolean; stopFails?: boolean } = {}) {
  const calls: [string, unknown][] = [];
  let ts: string | undefined;
  let buffered = 0;
  const streamer = {
    get ts() {
      return ts;
    },
    async append(args: { markdown_text: string }) {
      buffered += args.markdown_text.length;
      calls.push(['append', args.markdown_text]);
      if (buffered >= (options.startsAfterChars ?? 0)) ts ??= '1700000000.000100';
    },
    async stop(args?: unknown) {
      calls.push(['stop', args]);
      if (options.stopFails) throw new Error('not_in_streaming_state');
      ts ??= '1700000000.000100';
    },
  };
  const client = {
    chatStream: () => streamer,
    chat: {
      update: async (args: unknown) => {
        calls.push(['update', args]);
        if (options.updateFails) throw new Error('cant_update_message');
        return { ok: true };
      },
    },
  } as unknown as WebClient;
  return { client, calls };
}

const target = { channel: 'C0RADHELP', threadTs: '1700000000.000001', userId: 'U0CLINIC1', teamId: 'T0TEAM' };
const message = { text: 'Log out and back in.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] };

describe('answer streamer: replacing an interrupted answer', () => {
  it('stops the stream, then updates the same message with the stand-in answer', async () => {
    const { client, calls } = fakeClient();
    const s = createAnswerStreamer(client, target);
    await s.push('Log out of the viewer and clo');
    await s.push('se it.\nThen clear the ca');
    expect(await s.replace(message as never)).toBe(true);
    expect(calls.map(([name]) => name)).toEqual(['append', 'stop', 'update']);
    expect(calls[2]?.[1]).toEqual({ channel: 'C0RADHELP', ts: '1700000000.000100', ...message });
  });

  it('says nothing was replaced when Slack never showed the stream, so the caller posts instead', async () => {
    const { client, calls } = fakeClient({ startsAfterChars: 256 });
    const s = createAnswerStreamer(client, target);
    await s.push('A short first line.\n');
    expect(await s.replace(message as never)).toBe(false);
    expect(calls.map(([name]) => name)).toEqual(['append']);
  });

  it('still updates when the stop fails, and reports a refused update', async () => {
    const stopFails = fakeClient({ stopFails: true });
    const s = createAnswerStreamer(stopFails.client, target);
    await s.push('One line.\n');
    expect(await s.replace(message as never)).toBe(true);
    expect(stopFails.calls.map(([name]) => name)).toEqual(['append', 'stop', 'update']);
    const updateFails = fakeClient({ updateFails: true });
    const t = createAnswerStreamer(updateFails.client, target);
    await t.push('One line.\n');
    expect(await t.replace(message as never)).toBe(false);
  });

  it('does not stop a stream twice when the footer could not be added', async () => {
    const { client, calls } = fakeClient({ stopFails: true });
    const s = createAnswerStreamer(client, target);
    await s.push('One line.\n');
    expect(await s.finish([])).toBe(false);
    expect(await s.replace(message as never)).toBe(true);
    expect(calls.filter(([name]) => name === 'stop')).toHaveLength(1);
  });
});

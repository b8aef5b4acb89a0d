import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/devtools/workspace/types.js';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { waitUntil } from '../helpers/wait-until.js';
import { chunk, type FakeOpenAi, startFakeOpenAi, streamOf } from '../llm/fake-openai-server.js';

// The real bot and the local Slack workspace, with an OpenAI-compatible server on loopback that can stall, cut a
// stream off, or stream for longer than HTTP_TIMEOUT_MS. The limits are the smallest the configuration accepts.
let h: DeskHarness;
let llm: FakeOpenAi;

beforeAll(async () => {
  llm = await startFakeOpenAi();
  h = await startDesk({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_EMBEDDING_MODEL: 'none',
    LLM_TIMEOUT_MS: '1000',
    LLM_ANSWER_TIMEOUT_MS: '5000',
    HTTP_TIMEOUT_MS: '500',
  });
});
afterAll(async () => {
  await h.stop();
  await llm.close();
});

const question = 'the viewer opens the exam but says no images';

/** Lines long enough to pass the Slack streamer's 256-character buffer, so the stream is visible in the thread. */
const openingLines = [
  'Check whether it is only you: ask a colleague to open the same exam on another workstation [1].\n',
  'If they see the images, log out of the viewer, close every viewer window and sign in again [1].\n',
  'If the study still shows an image count of zero, it may still be arriving from the modality [1].\n',
];

async function ask(): Promise<{ ts: string; thread: () => Promise<StoredMessage[]> }> {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user: 'clinician',
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> ${question}`,
  });
  const thread = async () =>
    (await h.api<StoredMessage[]>(`/api/test/messages?channel=radiology-help&thread_ts=${ts}`)).filter(
      (m) => m.bot_id && m.ts !== ts,
    );
  return { ts, thread };
}

describe('an interrupted AI answer in Slack', () => {
  it('replaces a stream cut off mid-word in place with the quoted answer, its sources and buttons', async () => {
    llm.reply({
      stream: [
        ...openingLines.map((l) => ({ data: chunk(l) })),
        { data: chunk('Then clear the vie') },
        { waitMs: 150 },
        { cut: true },
      ],
    });
    const { ts, thread } = await ask();
    await waitUntil(() => expect(h.ws.calls('chat.update').some((c) => c.args.channel && c.args.ts)).toBe(true));
    const messages = await thread();
    expect(messages).toHaveLength(1);
    const [reply] = messages as [StoredMessage];
    expect(h.ws.calls('chat.startStream').some((c) => c.args.thread_ts === ts)).toBe(true);
    expect(h.ws.calls('chat.update').at(-1)?.args.ts).toBe(reply.ts);
    expect(reply.streaming).toBe(false);
    const blocks = blockText(reply.blocks);
    expect(blocks).toContain('viewer/images-not-displaying.md');
    expect(blocks).toContain('answer_feedback_up');
    expect(blocks).toContain('AI answer service was unavailable');
    expect(blocks).not.toContain('clear the vie');
    expect(h.ws.calls('chat.postMessage').filter((c) => c.args.thread_ts === ts)).toHaveLength(0);
  });

  it('replaces a stream that stalls for LLM_TIMEOUT_MS in place, without a second message', async () => {
    llm.reply({ stream: [...openingLines.map((l) => ({ data: chunk(l) })), { waitMs: 4000 }] });
    const updatesBefore = h.ws.calls('chat.update').length;
    const started = performance.now();
    const { ts, thread } = await ask();
    await waitUntil(() => expect(h.ws.calls('chat.update').length).toBeGreaterThan(updatesBefore), { timeout: 4000 });
    expect(performance.now() - started).toBeLessThan(3000);
    const messages = await thread();
    expect(messages).toHaveLength(1);
    expect(blockText(messages[0]?.blocks)).toContain('answer_feedback_up');
    expect(h.ws.calls('chat.postMessage').filter((c) => c.args.thread_ts === ts)).toHaveLength(0);
  });

  it('lets a healthy answer stream for longer than HTTP_TIMEOUT_MS and closes it with its sources', async () => {
    const pieces = [...openingLines, 'Still nothing? ', 'Open a ticket ', 'with the ', 'accession [1].'];
    llm.reply({ stream: streamOf(pieces, 150) });
    const { ts, thread } = await ask();
    await waitUntil(() => expect(h.ws.calls('chat.stopStream').some((c) => c.args.channel)).toBe(true));
    const reply = await h.ws.waitForMessage({
      channel: 'radiology-help',
      thread_ts: ts,
      fromBot: true,
      streaming: false,
    });
    expect(reply.text).toContain('Open a ticket with the accession [1].');
    expect(blockText(reply.blocks)).toContain('viewer/images-not-displaying.md');
    expect(await thread()).toHaveLength(1);
    expect(h.ws.calls('chat.update').filter((c) => c.args.ts === reply.ts)).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { type CapturedRequest, chatCompletionStream, nockChat, openAiBaseUrl } from '../helpers/openai-nock.js';
import { waitUntil } from '../helpers/wait-until.js';

let h: DeskHarness;

beforeAll(async () => {
  h = await startDesk({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openAiBaseUrl, OPENAI_EMBEDDING_MODEL: 'none' });
});
afterAll(() => h.stop());

async function mention(text: string) {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user: 'clinician',
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> ${text}`,
  });
  return ts;
}

describe('LLM answers in Slack (OpenAI API via nock)', () => {
  it('streams a grounded answer into the thread, then adds sources and feedback', async () => {
    const captured: CapturedRequest[] = [];
    nockChat(
      {
        stream: true,
        body: chatCompletionStream(['Log out and back in.\n', 'Then clear the viewer cache [1].\n', '<!channel> done']),
      },
      captured,
    );
    const ts = await mention('viewer opens the exam but says no images, patient Mary Jones');
    const reply = await h.ws.waitForMessage({
      channel: 'radiology-help',
      thread_ts: ts,
      fromBot: true,
      streaming: false,
    });
    await waitUntil(() => expect(h.ws.calls('chat.stopStream')).toHaveLength(1));
    expect(h.ws.calls('chat.startStream')).toHaveLength(1);
    expect(h.ws.calls('chat.postMessage').filter((c) => c.args.thread_ts === ts)).toHaveLength(0);
    expect(reply.text).toContain('Then clear the viewer cache [1].');
    expect(reply.text).not.toContain('<!channel>');
    expect(blockText(reply.blocks)).toContain('viewer/images-not-displaying.md');
    expect(blockText(reply.blocks)).toContain('answer_feedback_up');
    expect(JSON.stringify(captured[0]?.body)).not.toContain('Mary Jones');
  });

  it('falls back to the quoted answer when the model is rate limited', async () => {
    nockChat({
      status: 429,
      body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    });
    const ts = await mention('how do I burn a cd for the patient to take home');
    const reply = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect(blockText(reply.blocks)).toContain('studies/burning-a-cd.md');
    expect(blockText(reply.blocks)).toContain('AI answer service was unavailable');
  });

  it('says "I don\'t know" when the model finds no answer in the passages', async () => {
    nockChat({ stream: true, body: chatCompletionStream(['NO_ANSWER']) });
    const ts = await mention('how do I print a study on the x-ray film printer');
    const reply = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect(reply.text).toContain("I don't know");
  });
});

import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { type CapturedRequest, chatCompletionStream, nockChat, openAiBaseUrl } from '../../helpers/openai-nock.js';

let h: DeskHarness;

beforeAll(async () => {
  h = await startDesk({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openAiBaseUrl,
    OPENAI_EMBEDDING_MODEL: 'none',
    LLM_QUESTIONS_PER_DAY: '1',
  });
});
afterAll(async () => {
  await h.stop();
  nock.cleanAll();
});

async function ask(user: string) {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user,
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> the viewer opens the exam but says no images`,
  });
  return h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true, streaming: false });
}

describe('the daily LLM budget (LLM_QUESTIONS_PER_DAY) through the real bot', () => {
  it("L8: once the day's budget is spent, anyone's answer is quoted from the KB and says why", async () => {
    const captured: CapturedRequest[] = [];
    nockChat({ stream: true, body: chatCompletionStream(['Clear the viewer cache [1].']) }, captured);
    nockChat({ stream: true, body: chatCompletionStream(['must not be asked']) }, captured);
    expect((await ask('clinician')).text).toContain('Clear the viewer cache [1].');
    const second = await ask('associate');
    expect(captured).toHaveLength(1);
    expect(blockText(second.blocks)).toContain("today's budget of AI-written answers is used up");
    expect(blockText(second.blocks)).toContain('viewer/images-not-displaying.md');
  });
});

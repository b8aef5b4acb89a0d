import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../src/devtools/workspace/types.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import {
  type CapturedRequest,
  chatCompletion,
  chatCompletionStream,
  nockChat,
  openAiBaseUrl,
} from '../../helpers/openai-nock.js';
import { waitUntil } from '../../helpers/wait-until.js';

/**
 * Unbounded consumption and oversized output (timeouts, 5xx and 429, quotas, cost caps and huge questions fall back
 * or get a polite limit; long answers fit Slack's limits): the real bot, the OpenAI API via nock, the
 * local Slack workspace enforcing Slack's limits (msg_too_long, invalid_blocks).
 */

let h: DeskHarness;

// The quota is 2 LLM answers per user and hour: each test below asks as a user with budget left.
beforeAll(async () => {
  h = await startDesk({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openAiBaseUrl,
    OPENAI_EMBEDDING_MODEL: 'none',
    LLM_TIMEOUT_MS: '1000',
    LLM_MAX_TOKENS: '321',
    LLM_QUESTIONS_PER_HOUR: '2',
  });
});
afterAll(async () => {
  await h.stop();
  nock.cleanAll();
});

async function ask(user: string, text: string): Promise<StoredMessage> {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user,
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> ${text}`,
  });
  await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true, streaming: false });
  return waitUntil(async () => {
    const [m] = (await h.api<StoredMessage[]>(`/api/test/messages?channel=radiology-help&thread_ts=${ts}`)).filter(
      (x) => x.ts !== ts && (blockText(x.blocks).includes('answer_feedback_up') || /characters long/.test(x.text)),
    );
    if (!m) throw new Error('no finished reply yet');
    return m;
  });
}

const question = 'the viewer opens the exam but says no images';

describe('LLM limits through the real bot', () => {
  it('L8: every call carries max_tokens from LLM_MAX_TOKENS', async () => {
    const captured: CapturedRequest[] = [];
    nockChat({ stream: true, body: chatCompletionStream(['Clear the viewer cache [1].']) }, captured);
    const reply = await ask('admin', question);
    expect(reply.text).toContain('Clear the viewer cache [1].');
    expect(captured[0]?.body).toMatchObject({ max_tokens: 321 });
  });

  it('L8: a model that does not answer within LLM_TIMEOUT_MS gives way to the quoted answer', async () => {
    const scope = nockChat({ body: chatCompletion('too late [1]'), delayMs: 3000 });
    const reply = await ask('admin', question);
    expect(scope.isDone()).toBe(true);
    expect(blockText(reply.blocks)).toContain('viewer/images-not-displaying.md');
    expect(blockText(reply.blocks)).toContain('AI answer service was unavailable');
    expect(`${reply.text}${blockText(reply.blocks)}`).not.toContain('too late');
  });

  it('L8: a 503 from the model gives the quoted answer, not an error', async () => {
    const scope = nockChat({ status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } });
    const reply = await ask('clinician', question);
    expect(scope.isDone()).toBe(true);
    expect(blockText(reply.blocks)).toContain('Quoted from the knowledge base');
    expect(reply.text).not.toContain('Sorry');
  });

  it('L8: over the hourly quota (LLM_QUESTIONS_PER_HOUR), the answer is quoted and says why', async () => {
    const captured: CapturedRequest[] = [];
    for (let i = 0; i < 2; i++) {
      nockChat({ stream: true, body: chatCompletionStream([`Clear the viewer cache [1] (${i}).`]) }, captured);
      await ask('associate', question);
    }
    expect(captured).toHaveLength(2);
    const third = await ask('associate', question);
    expect(captured).toHaveLength(2);
    expect(blockText(third.blocks)).toContain("you have used this hour's AI-written answers");
    expect(blockText(third.blocks)).toContain('viewer/images-not-displaying.md');
  });

  it('L8: a long question skips the model (quoted answer, says why); 40k characters get a polite limit message', async () => {
    const captured: CapturedRequest[] = [];
    const scope = nockChat({ stream: true, body: chatCompletionStream(['must not be asked']) }, captured);
    const long = await ask('clinician', `${question}. ${'Here is the whole viewer log line again. '.repeat(60)}`);
    expect(blockText(long.blocks)).toContain('too long for an AI-written answer');
    const huge = await ask('clinician', `${question} ${'x'.repeat(40_000)}`);
    expect(huge.text).toMatch(/characters long/);
    expect(huge.text).not.toContain('xxxxxxxxxx');
    expect(captured).toHaveLength(0);
    expect(scope.isDone()).toBe(false);
    nock.removeInterceptor({
      hostname: 'llm.test.invalid',
      path: '/v1/chat/completions',
      method: 'POST',
      proto: 'https',
    });
  });

  it('B7: a very long streamed answer stays within Slack limits, its code fence closed, with no Slack error', async () => {
    const line = 'Step: check the cache folder & the <viewer> settings again, then retry [1].\n';
    const pieces = ['Try this:\n', '```\n', ...Array.from({ length: 400 }, () => line)];
    nockChat({ stream: true, body: chatCompletionStream(pieces) });
    const callsBefore = h.ws.calls().length;
    const reply = await ask('clinician', question);
    const calls = h.ws.calls().slice(callsBefore);
    expect(calls.filter((c) => !c.ok)).toEqual([]);
    expect(calls.some((c) => c.method === 'chat.appendStream')).toBe(true);
    expect(reply.text.length).toBeLessThanOrEqual(12_000);
    expect(reply.text).toContain('shortened');
    expect(reply.text.split('\n').filter((l) => /^\s*```/.test(l)).length % 2).toBe(0);
    expect(blockText(reply.blocks)).toContain('viewer/images-not-displaying.md');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../helpers/desk-harness.js';
import { embeddingsOf, type FakeOpenAi, type Reply, startFakeOpenAi } from '../llm/fake-openai-server.js';

// Time from a question to the quoted fallback, with retries on (as in production) and a loopback LLM server that
// rate-limits, fails, hangs, and embeds slowly. LLM_TIMEOUT_MS is the smallest the configuration accepts.
const firstTokenMs = 1000;
let h: DeskHarness;
let llm: FakeOpenAi;

beforeAll(async () => {
  llm = await startFakeOpenAi();
  h = await startDesk({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small',
    LLM_TIMEOUT_MS: String(firstTokenMs),
    LLM_ANSWER_TIMEOUT_MS: '5000',
  });
  // The index was embedded at start; from now on a question's embedding hangs.
  llm.embeddings = (count) => (count === 1 ? { hang: true } : embeddingsOf(count));
});
afterAll(async () => {
  await h.stop();
  await llm.close();
});

async function timeToReply(...replies: Reply[]) {
  llm.requests.length = 0;
  llm.reply(...replies);
  const started = performance.now();
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user: 'clinician',
    channel: 'radiology-help',
    text: `<@${h.ws.botUserId}> the viewer opens the exam but says no images`,
  });
  const reply = await h.ws.waitForMessage({
    channel: 'radiology-help',
    thread_ts: ts,
    fromBot: true,
    streaming: false,
  });
  return {
    ms: performance.now() - started,
    repliedAt: performance.now(),
    reply,
    chats: llm.requests.filter((r) => r.path.endsWith('/chat/completions')),
  };
}

const rateLimit = (retryAfter: string): Reply => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
});

describe('LLM_TIMEOUT_MS bounds the whole wait for an answer', () => {
  it('falls back after about LLM_TIMEOUT_MS when the model and the question embedding both hang', async () => {
    const { ms, repliedAt, reply, chats } = await timeToReply({ hang: true });
    expect(blockText(reply.blocks)).toContain('AI answer service was unavailable');
    const embeddings = llm.requests.filter((r) => r.path.endsWith('/embeddings'));
    expect(embeddings).toHaveLength(1);
    expect(chats).toHaveLength(1);
    // The question's embedding may take a quarter of the deadline, the model the whole of it; nothing else waits.
    const embeddingMs = (chats[0]?.at ?? 0) - (embeddings[0]?.at ?? 0);
    expect(embeddingMs).toBeGreaterThanOrEqual(firstTokenMs / 4);
    expect(embeddingMs).toBeLessThan(firstTokenMs / 4 + 500);
    expect(repliedAt - (chats[0]?.at ?? 0)).toBeLessThan(firstTokenMs + 500);
    expect(ms).toBeLessThan(firstTokenMs * 1.25 + 1500);
  });

  it('does not wait for a retry-after of 20 s, nor for the embedder that just timed out', async () => {
    const { ms, reply, chats } = await timeToReply(rateLimit('20'));
    expect(blockText(reply.blocks)).toContain('AI answer service was unavailable');
    expect(chats).toHaveLength(1);
    expect(llm.requests.filter((r) => r.path.endsWith('/embeddings'))).toHaveLength(0);
    expect(ms).toBeLessThan(1000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/core/errors.js';
import { createFetch } from '../../src/core/http.js';
import { createOpenAiClient } from '../../src/llm/openai-client.js';
import { createOpenAiEmbedder, queryEmbeddingBudgetMs } from '../../src/llm/openai-embedder.js';
import { type FakeOpenAi, startFakeOpenAi } from './fake-openai-server.js';

let server: FakeOpenAi;
beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());

/** The SDK asks for `encoding_format: base64` (little-endian float32) and decodes it itself. */
const base64Vector = (values: number[]) => Buffer.from(new Float32Array(values).buffer).toString('base64');
const embeddings = (n: number) => ({
  object: 'list',
  model: 'text-embedding-3-small',
  data: Array.from({ length: n }, (_, index) => ({ object: 'embedding', index, embedding: base64Vector([index, 1]) })),
  usage: { prompt_tokens: 1, total_tokens: 1 },
});

function embedder(now = Date.now) {
  const client = createOpenAiClient({
    apiKey: 'sk-test',
    baseUrl: server.baseUrl,
    timeoutMs: 5000,
    maxRetries: 0,
    fetch: createFetch({ timeoutMs: 10_000 }),
  });
  return createOpenAiEmbedder(client, 'text-embedding-3-small', { queryTimeoutMs: 400, retries: 1, now });
}

describe('OpenAI embedder', () => {
  it('gives a question’s embedding a quarter of the first-token deadline, between 250 ms and 2 s', () => {
    expect(queryEmbeddingBudgetMs(4000)).toBe(1000);
    expect(queryEmbeddingBudgetMs(20_000)).toBe(2000);
    expect(queryEmbeddingBudgetMs(500)).toBe(250);
  });

  it('gives up on a slow question embedding within its budget, then skips question embeddings for a while', async () => {
    let clock = 1_000_000;
    const e = embedder(() => clock);
    server.requests.length = 0;
    server.embeddings = () => ({ hang: true });
    const started = performance.now();
    await expect(e.embed(['viewer black screen'], { query: true })).rejects.toMatchObject({
      code: ErrorCode.LlmTimeout,
    });
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(e.embed(['and on the mobile app'], { query: true })).rejects.toMatchObject({
      code: ErrorCode.LlmTimeout,
    });
    expect(server.requests).toHaveLength(1);
    clock += 31_000;
    server.embeddings = () => ({ status: 200, body: embeddings(1) });
    await expect(e.embed(['and on the mobile app'], { query: true })).resolves.toEqual([[0, 1]]);
  });

  it('does not wait for a retry-after longer than the question’s budget', async () => {
    const e = embedder();
    server.requests.length = 0;
    server.embeddings = () => ({
      status: 429,
      headers: { 'retry-after': '5' },
      body: { error: { message: 'slow down' } },
    });
    await expect(e.embed(['pull priors'], { query: true })).rejects.toMatchObject({ code: ErrorCode.LlmRateLimited });
    expect(server.requests).toHaveLength(1);
  });

  it('embeds index batches without the question budget, in order (a batch of one chunk too)', async () => {
    const e = embedder();
    server.embeddings = () => ({ status: 200, body: embeddings(3), delayMs: 300 });
    await expect(e.embed(['a', 'b', 'c'])).resolves.toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    server.embeddings = () => ({ status: 200, body: embeddings(1), delayMs: 600 });
    await expect(e.embed(['the only changed chunk'])).resolves.toEqual([[0, 1]]);
  });
});

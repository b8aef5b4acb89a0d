import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/core/errors.js';
import { createFetch } from '../../src/core/http.js';
import { type ChatModelSettings, createOpenAiChatModel } from '../../src/llm/openai-chat-model.js';
import { createOpenAiClient } from '../../src/llm/openai-client.js';
import { chunk, type FakeOpenAi, startFakeOpenAi, streamOf } from './fake-openai-server.js';

// A real loopback server: stalls and cut connections are socket behaviour nock cannot show. Timeouts are tiny.
let server: FakeOpenAi;
beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

const messages = [{ role: 'user' as const, content: 'viewer shows no images' }];

function model(settings: Partial<ChatModelSettings> = {}) {
  const client = createOpenAiClient({
    apiKey: 'sk-test',
    baseUrl: server.baseUrl,
    timeoutMs: 5000,
    maxRetries: 0,
    fetch: createFetch({ timeoutMs: 10_000 }),
  });
  return createOpenAiChatModel(client, {
    model: 'gpt-4o-mini',
    maxTokens: 100,
    firstTokenMs: 300,
    wholeAnswerMs: 2000,
    retries: 1,
    ...settings,
  });
}

async function timed<T>(run: () => Promise<T>) {
  const started = performance.now();
  const outcome = await run().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error: error as { code?: string; message?: string } }),
  );
  return { ...outcome, ms: performance.now() - started };
}

describe('OpenAI chat model deadlines', () => {
  it('gives up at LLM_TIMEOUT_MS when the server sends nothing at all', async () => {
    server.reply({ hang: true });
    const { error, ms } = await timed(() => model().complete(messages));
    expect(error?.code).toBe(ErrorCode.LlmTimeout);
    expect(ms).toBeLessThan(1000);
  });

  it('gives up at LLM_TIMEOUT_MS when a stream opens but no token comes', async () => {
    server.reply({ stream: [{ data: chunk('') }, { waitMs: 3000 }] });
    const { error, ms } = await timed(() => model().complete(messages, { onDelta: () => undefined }));
    expect(error).toMatchObject({ code: ErrorCode.LlmTimeout, message: expect.stringMatching(/no first token/) });
    expect(ms).toBeLessThan(1000);
  });

  it('aborts a stream that stalls after its first tokens instead of returning half an answer', async () => {
    server.reply({ stream: [{ data: chunk('Log out ') }, { data: chunk('and ba') }, { waitMs: 3000 }] });
    const deltas: string[] = [];
    const { error, ms } = await timed(() => model().complete(messages, { onDelta: (d) => void deltas.push(d) }));
    expect(deltas.join('')).toBe('Log out and ba');
    expect(error).toMatchObject({ code: ErrorCode.LlmTimeout, message: expect.stringMatching(/stalled/) });
    expect(ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('bounds the whole answer by LLM_ANSWER_TIMEOUT_MS even while tokens keep coming', async () => {
    server.reply({
      stream: streamOf(
        Array.from({ length: 40 }, (_, i) => `w${i} `),
        30,
      ),
    });
    const { error, ms } = await timed(() =>
      model({ firstTokenMs: 1000, wholeAnswerMs: 400 }).complete(messages, { onDelta: () => undefined }),
    );
    expect(error).toMatchObject({ code: ErrorCode.LlmTimeout, message: expect.stringMatching(/longer than 400 ms/) });
    expect(ms).toBeLessThan(1200);
  });

  it('lets a healthy stream run longer than the first-token deadline', async () => {
    server.reply({ stream: streamOf(['Open ', 'the ', 'viewer ', 'again ', 'now ', '[1].'], 200) });
    const { value, error, ms } = await timed(() =>
      model({ firstTokenMs: 600 }).complete(messages, { onDelta: () => undefined }),
    );
    expect(error).toBeUndefined();
    expect(value).toBe('Open the viewer again now [1].');
    expect(ms).toBeGreaterThan(1150);
  });

  it('treats a stream cut off mid-answer as a failure, and does not retry once text was shown', async () => {
    server.reply({ stream: [{ data: chunk('Clear the ca') }, { cut: true }] });
    const { error } = await timed(() => model().complete(messages, { onDelta: () => undefined }));
    expect(error?.code).toBe(ErrorCode.LlmFailed);
    expect(server.requests).toHaveLength(1);
  });

  it('treats a stream that ends without a finish_reason as interrupted', async () => {
    server.reply({ stream: [{ data: chunk('Clear the ca') }, { done: true }] });
    const { error } = await timed(() => model().complete(messages, { onDelta: () => undefined }));
    expect(error).toMatchObject({ code: ErrorCode.LlmFailed, message: expect.stringMatching(/before the answer/) });
  });
});

describe('OpenAI chat model retries', () => {
  const rateLimited = (headers: Record<string, string>) => ({
    status: 429,
    headers,
    body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
  });

  it('does not wait for a retry-after that ends past the deadline', async () => {
    server.reply(rateLimited({ 'retry-after': '20' }));
    const { error, ms } = await timed(() => model({ firstTokenMs: 1000 }).complete(messages));
    expect(error?.code).toBe(ErrorCode.LlmRateLimited);
    expect(ms).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });

  it('retries once after a retry-after that fits in the deadline', async () => {
    server.reply(rateLimited({ 'retry-after-ms': '50' }), {
      status: 200,
      body: {
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'Restart the viewer [1].' }, finish_reason: 'stop' },
        ],
      },
    });
    const { value } = await timed(() => model({ firstTokenMs: 1000 }).complete(messages));
    expect(value).toBe('Restart the viewer [1].');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 503 at most once, and a 400 never', async () => {
    const overloaded = { status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } };
    server.reply(overloaded, overloaded);
    expect((await timed(() => model({ firstTokenMs: 2000 }).complete(messages))).error?.code).toBe(ErrorCode.LlmFailed);
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.reply({ status: 400, body: { error: { message: 'bad request', type: 'invalid_request_error' } } });
    expect((await timed(() => model({ firstTokenMs: 2000 }).complete(messages))).error?.code).toBe(ErrorCode.LlmFailed);
    expect(server.requests).toHaveLength(1);
  });

  it('sends no retry at all with retries off (tests, LLM_TIMEOUT_MS spent)', async () => {
    server.reply({ status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } });
    await timed(() => model({ retries: 0 }).complete(messages));
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the whole wait, retry included, within the first-token deadline', async () => {
    // The first attempt hangs until the deadline: no time is left for a retry.
    server.reply({ hang: true }, { stream: streamOf(['too late']) });
    const { error, ms } = await timed(() =>
      model({ firstTokenMs: 300 }).complete(messages, { onDelta: () => undefined }),
    );
    expect(error?.code).toBe(ErrorCode.LlmTimeout);
    expect(ms).toBeLessThan(800);
    expect(server.requests).toHaveLength(1);
  });
});

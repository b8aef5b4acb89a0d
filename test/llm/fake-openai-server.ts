import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny OpenAI-compatible server on loopback for what nock cannot show: a stream that stalls, one that runs
 * longer than a timeout, one cut off mid-answer. Each request takes the next scripted reply.
 */
export type Step = { data: unknown } | { waitMs: number } | { done: true } | { cut: true };

export type Reply =
  | { status: number; headers?: Record<string, string>; body: unknown; delayMs?: number }
  | { stream: Step[] }
  /** Accepts the request and never answers. */
  | { hang: true };

export interface FakeOpenAi {
  baseUrl: string;
  /** Every request received, with `performance.now()` at its arrival. */
  requests: { path: string; body: Record<string, unknown>; at: number }[];
  /** Queues replies to chat completions, one per request. */
  reply(...replies: Reply[]): void;
  /** Drops queued replies and recorded requests. */
  reset(): void;
  /** How `/v1/embeddings` answers a request for `count` texts; by default with vectors at once. */
  embeddings: (count: number) => Reply;
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One chunk of a streamed chat completion, as documented (`chat.completion.chunk`). */
export function chunk(content: string | undefined, finish: string | null = null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: content === undefined ? {} : { content }, logprobs: null, finish_reason: finish }],
  };
}

/** The SDK asks for `encoding_format: base64` (little-endian float32) and decodes it itself. */
export function embeddingsOf(count: number, dimensions = 8): Reply {
  const vector = (i: number) =>
    Buffer.from(new Float32Array(Array.from({ length: dimensions }, (_, d) => ((i + d) % 5) + 1)).buffer).toString(
      'base64',
    );
  const data = Array.from({ length: count }, (_, index) => ({ object: 'embedding', index, embedding: vector(index) }));
  return {
    status: 200,
    body: { object: 'list', model: 'text-embedding-3-small', data, usage: { prompt_tokens: 1, total_tokens: 1 } },
  };
}

/** A whole answer streamed a piece at a time, `gapMs` apart, finished properly. */
export function streamOf(pieces: string[], gapMs = 0): Step[] {
  return [
    ...pieces.flatMap((p) => [...(gapMs ? [{ waitMs: gapMs }] : []), { data: chunk(p) }]),
    { data: chunk(undefined, 'stop') },
    { done: true },
  ];
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queue: Reply[] = [];
  const requests: FakeOpenAi['requests'] = [];
  const open = new Set<ServerResponse>();
  const fake = { embeddings: (count: number): Reply => embeddingsOf(count) };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ path: req.url ?? '', body, at: performance.now() });
      open.add(res);
      res.on('close', () => open.delete(res));
      if (req.url?.endsWith('/embeddings')) {
        const input = body.input;
        return void serve(res, fake.embeddings(Array.isArray(input) ? input.length : 1));
      }
      void serve(res, queue.shift() ?? { status: 500, body: { error: { message: 'no scripted reply' } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...replies) => queue.push(...replies),
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    get embeddings() {
      return fake.embeddings;
    },
    set embeddings(answer) {
      fake.embeddings = answer;
    },
    async close() {
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serve(res: ServerResponse, reply: Reply) {
  if ('hang' in reply) return;
  if ('status' in reply) {
    if (reply.delayMs) await wait(reply.delayMs);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const step of reply.stream) {
    if (res.destroyed) return;
    if ('waitMs' in step) await wait(step.waitMs);
    else if ('data' in step) res.write(`data: ${JSON.stringify(step.data)}\n\n`);
    else if ('done' in step) res.end('data: [DONE]\n\n');
    else {
      res.destroy();
      return;
    }
  }
}

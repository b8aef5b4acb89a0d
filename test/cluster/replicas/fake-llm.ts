import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat completion request as the fake server saw it. */
export interface LlmRequest {
  /** The replica id from the URL path (`/r2/v1/…` → `r2`). */
  replica: string;
  /** Every message's content, joined: the question is in there. */
  text: string;
  stream: boolean;
  /** Held: never answered (not even headers); the replica waits until it dies or the server closes. */
  held: boolean;
}

/**
 * A grounded answer the bot's vetting keeps: it cites passage [1] (always sent with a KB question), links
 * nowhere, asks for no credential and claims no action. Two lines, so a stream is appended line by line.
 */
export const FAKE_ANSWER = [
  'The knowledge base page above describes this case step by step [1].',
  'If the steps do not help, the PACS team can look at it with you.',
].join('\n');

/**
 * An OpenAI-compatible chat completions server on 127.0.0.1 for bot child processes: each replica gets its own
 * base URL (`/r<i>/v1`), so the server knows which replica asked. Requests of a held replica are never answered;
 * the others get FAKE_ANSWER, as server-sent events when `stream` is set (as OpenAI documents: `data: {chunk}`
 * lines, the last chunk with `finish_reason`, then `data: [DONE]`), else as one JSON completion.
 */
export async function startFakeLlm() {
  const requests: LlmRequest[] = [];
  const held = new Set<string>();
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = /^\/(r\d+)\/v1\/chat\/completions$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !path?.[1]) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      stream?: boolean;
      messages?: { content?: unknown }[];
    };
    const request: LlmRequest = {
      replica: path[1],
      text: (body.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n'),
      stream: body.stream === true,
      held: held.has(path[1]),
    };
    requests.push(request);
    if (request.held) {
      open.add(res);
      res.once('close', () => open.delete(res));
      return;
    }
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion()));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const lines = FAKE_ANSWER.split('\n').map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line));
    for (const delta of [{ role: 'assistant', content: '' }, ...lines.map((content) => ({ content }))])
      res.write(sse(chunk(delta, null)));
    res.write(sse(chunk({}, 'stop')));
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    requests,
    /** The LLM settings for replica `id` (no embeddings: retrieval stays lexical, as without an LLM). */
    env: (id: string) => ({
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/${id}/v1`,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_EMBEDDING_MODEL: 'none',
    }),
    /** From now on, requests of replica `id` are never answered. */
    hold: (id: string) => void held.add(id),
    /** Requests of replica `id` are answered again (those already held stay held). */
    release: (id: string) => void held.delete(id),
    async close() {
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type FakeLlm = Awaited<ReturnType<typeof startFakeLlm>>;

const sse = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

function chunk(delta: Record<string, string>, finish: string | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

function completion() {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: FAKE_ANSWER, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 30, total_tokens: 130 },
  };
}

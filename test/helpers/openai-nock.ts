import nock from 'nock';

/** The OpenAI API as documented (chat completions and embeddings), served by nock at a fake base URL. */
export const openAiBase = 'https://llm.test.invalid';
export const openAiBaseUrl = `${openAiBase}/v1`;

export interface CapturedRequest {
  body: { model: string; messages: { role: string; content: string }[]; stream?: boolean };
}

export function chatCompletion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

/** A streamed completion as server-sent events, one chunk per piece, ending with [DONE]. */
export function chatCompletionStream(pieces: string[]): string {
  const chunk = (delta: Record<string, string>, finish: string | null) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    })}\n\n`;
  return [
    chunk({ role: 'assistant', content: '' }, null),
    ...pieces.map((p) => chunk({ content: p }, null)),
    chunk({}, 'stop'),
    'data: [DONE]\n\n',
  ].join('');
}

/** Intercepts one chat completion; the request body is pushed into `captured`. */
export function nockChat(
  reply: { status?: number; body: unknown; stream?: boolean; delayMs?: number },
  captured: CapturedRequest[] = [],
) {
  const scope = nock(openAiBase)
    .post('/v1/chat/completions', (body) => {
      captured.push({ body: body as CapturedRequest['body'] });
      return true;
    })
    .delay(reply.delayMs ?? 0);
  if (reply.stream) return scope.reply(200, reply.body as string, { 'content-type': 'text/event-stream' });
  return scope.reply(reply.status ?? 200, reply.body as nock.Body, {
    'content-type': 'application/json',
    ...(reply.status === 429 ? { 'retry-after': '20' } : {}),
  });
}

import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerService } from '../../src/answers/answer-service.js';
import { NO_ANSWER } from '../../src/answers/grounded.js';
import { packageRoot } from '../../src/config.js';
import { createFetch } from '../../src/core/http.js';
import { createLogger } from '../../src/core/logger.js';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../src/kb/index.js';
import { createOpenAiChatModel } from '../../src/llm/openai-chat-model.js';
import { createOpenAiClient } from '../../src/llm/openai-client.js';
import { loadPrompt } from '../../src/llm/prompts.js';
import {
  type CapturedRequest,
  chatCompletion,
  chatCompletionStream,
  nockChat,
  openAiBaseUrl,
} from '../helpers/openai-nock.js';

const logger = createLogger({ level: 'silent' });
let kb: WatchableKnowledgeBase;

beforeAll(async () => {
  kb = await createKnowledgeBase({ dir: join(packageRoot, 'knowledge') });
});
afterAll(() => kb.close());

function llmService(timeoutMs = 5000) {
  const client = createOpenAiClient({
    apiKey: 'sk-test',
    baseUrl: openAiBaseUrl,
    timeoutMs,
    maxRetries: 0,
    fetch: createFetch({ timeoutMs }),
  });
  const chat = createOpenAiChatModel(client, { model: 'gpt-4o-mini', maxTokens: 300 });
  return createAnswerService({
    kb,
    logger,
    llm: { chat, prompt: loadPrompt(join(packageRoot, 'prompts'), 'kb-answer') },
  });
}

const question = 'viewer opens the exam but says no images';

describe('answer service without an LLM', () => {
  it('answers extractively with a citation to the page that covers it', async () => {
    const answer = await createAnswerService({ kb, logger }).answer({ question });
    expect(answer.mode).toBe('extractive');
    expect(answer.citations[0]?.source).toBe('viewer/images-not-displaying.md');
    expect(answer.markdown).toMatch(/\[1\]/);
    expect(answer.markdown.length).toBeLessThan(1200);
  });

  it('leads with what to do, not the symptom list, and says why the page matched', async () => {
    const answer = await createAnswerService({ kb, logger }).answer({ question });
    expect(answer.citations[0]?.heading).not.toBe('Symptoms');
    expect(answer.markdown).toMatch(
      /^\*\*(First: is it just you\?|"No images" or image count is zero|Fix it on your PC)\*\*/,
    );
    expect(answer.markdown).toMatch(/_Matched: “.*no images.*”_/i);
  });

  it('offers the rest of a troubleshooting page as a guide, in page order, after the section shown', async () => {
    const answer = await createAnswerService({ kb, logger }).answer({ question });
    const guide = answer.guide;
    expect(guide).toMatchObject({ source: 'viewer/images-not-displaying.md', shown: answer.citations[0]?.heading });
    const headings = guide?.remaining.map((s) => s.heading) ?? [];
    expect(headings).toContain('Fix it on your PC');
    expect(headings).not.toContain('Symptoms');
    expect(headings).not.toContain('When to open a ticket');
    for (const step of guide?.remaining ?? []) expect(step.markdown.length).toBeGreaterThan(0);
  });

  it('gives no guide for an answer from a page that is not about a problem', async () => {
    const answer = await createAnswerService({ kb, logger }).answer({
      question: 'whats the difference between an ORM and an ORU',
    });
    expect(answer.mode).toBe('extractive');
    expect(answer.guide).toBeUndefined();
  });

  it('abstains on a question the knowledge base does not cover, showing the nearest pages', async () => {
    const answer = await createAnswerService({ kb, logger }).answer({ question: "what's on the cafeteria menu today" });
    expect(answer.mode).toBe('abstain');
    expect(answer.markdown).toBe('');
    expect(answer.citations).toEqual([]);
  });
});

describe('answer service with an LLM (OpenAI API via nock)', () => {
  it('returns a grounded answer citing the passages the model used, with PHI redacted from the request', async () => {
    const captured: CapturedRequest[] = [];
    nockChat({ body: chatCompletion('Log out and back in, then clear the viewer cache [1].') }, captured);
    const answer = await llmService().answer({
      question: `${question} for patient John Smith MRN 12345678 DOB 01/02/1960`,
      history: [{ role: 'user', text: 'earlier about Mrs Jones, ACC A7654321' }],
    });
    expect(answer.mode).toBe('llm');
    expect(answer.markdown).toBe('Log out and back in, then clear the viewer cache [1].');
    expect(answer.citations[0]?.source).toBe('viewer/images-not-displaying.md');
    const sent = JSON.stringify(captured[0]?.body);
    for (const phi of ['John Smith', '12345678', '01/02/1960', 'Jones', 'A7654321']) expect(sent).not.toContain(phi);
    const system = captured[0]?.body.messages[0]?.content ?? '';
    expect(system).toContain('<passages>');
    expect(system).toMatch(/\[1\] .+\(viewer\/images-not-displaying\.md\)\n"""/);
    expect(captured[0]?.body.messages.at(-1)).toMatchObject({ role: 'user' });
  });

  it('sends the section the answer leads with as [1] and the top pages’ action sections, and keeps the guide', async () => {
    const captured: CapturedRequest[] = [];
    nockChat({ body: chatCompletion('Ask a colleague to open it [1].') }, captured);
    const answer = await llmService().answer({ question });
    const system = captured[0]?.body.messages[0]?.content ?? '';
    const extractive = await createAnswerService({ kb, logger }).answer({ question });
    const lead = extractive.citations[0]?.heading ?? '';
    expect(system).toContain(`[1] Images not displaying in the viewer › ${lead} (viewer/images-not-displaying.md)`);
    expect(system).toContain('Images not displaying in the viewer › Fix it on your PC');
    expect(answer.citations[0]?.heading).toBe(lead);
    expect(answer.guide?.source).toBe('viewer/images-not-displaying.md');
  });

  it('abstains when the model says the passages do not answer', async () => {
    nockChat({ body: chatCompletion(NO_ANSWER) });
    const answer = await llmService().answer({ question });
    expect(answer.mode).toBe('abstain');
  });

  it('falls back to the extractive answer on 429', async () => {
    nockChat({
      status: 429,
      body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    });
    const answer = await llmService().answer({ question });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_rate_limited' });
    expect(answer.citations[0]?.source).toBe('viewer/images-not-displaying.md');
  });

  it('falls back to the extractive answer when the model times out', async () => {
    nockChat({ body: chatCompletion('too late [1]'), delayMs: 1500 });
    const answer = await llmService(300).answer({ question });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_timeout' });
  });

  it('falls back on a server error', async () => {
    nockChat({ status: 500, body: { error: { message: 'boom', type: 'server_error' } } });
    expect(await llmService().answer({ question })).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_failed' });
  });

  it('streams vetted lines and strips links the knowledge base did not vouch for', async () => {
    nockChat({
      stream: true,
      body: chatCompletionStream(['Clear the ', 'cache [1][42].\n', 'See [this](https://evil.example/x).']),
    });
    const deltas: string[] = [];
    const answer = await llmService().answer({ question, onDelta: (d) => void deltas.push(d) });
    expect(deltas).toEqual(['Clear the cache [1].\n', 'See this.']);
    expect(answer.markdown).toBe('Clear the cache [1].\nSee this.');
  });

  it('never streams the no-answer marker', async () => {
    nockChat({ stream: true, body: chatCompletionStream(['NO_', 'ANS', 'WER']) });
    const deltas: string[] = [];
    const answer = await llmService().answer({ question, onDelta: (d) => void deltas.push(d) });
    expect(deltas).toEqual([]);
    expect(answer.mode).toBe('abstain');
  });
});

describe('the PHI redactor fails closed', () => {
  it('L2: a redactor that overruns its time budget means no LLM call: the answer is quoted from the KB', async () => {
    const captured: CapturedRequest[] = [];
    const scope = nockChat({ body: chatCompletion('must not be asked [1]') }, captured);
    let clock = 0;
    const client = createOpenAiClient({
      apiKey: 'sk-test',
      baseUrl: openAiBaseUrl,
      timeoutMs: 5000,
      maxRetries: 0,
      fetch: createFetch({ timeoutMs: 5000 }),
    });
    const service = createAnswerService({
      kb,
      logger,
      llm: {
        chat: createOpenAiChatModel(client, { model: 'gpt-4o-mini', maxTokens: 300 }),
        prompt: loadPrompt(join(packageRoot, 'prompts'), 'kb-answer'),
      },
      // A redactor stuck on pathological input: the clock says it took a second.
      redact: (text) => {
        clock += 1000;
        return text;
      },
      redactBudgetMs: 500,
      now: () => clock,
    });
    const answer = await service.answer({ question });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'redaction_failed' });
    expect(answer.citations[0]?.source).toBe('viewer/images-not-displaying.md');
    expect(captured).toHaveLength(0);
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });
});

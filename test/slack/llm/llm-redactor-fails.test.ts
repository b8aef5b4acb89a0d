import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { type CapturedRequest, chatCompletionStream, nockChat, openAiBaseUrl } from '../../helpers/openai-nock.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { nockEmbeddings } from './openai-embeddings-nock.js';

/** A question the redactor chokes on (the marker stands for any input that makes it throw). */
const marker = 'zq-redactor-breaks-here';

vi.mock('../../../src/core/phi-redact.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/phi-redact.js')>();
  return {
    ...real,
    redactPhi: (text: string) => {
      if (text.includes(marker)) throw new Error('redactor exploded');
      return real.redactPhi(text);
    },
  };
});

let h: DeskHarness;
const embedded: { input: string[] }[] = [];

beforeAll(async () => {
  nockEmbeddings(embedded);
  h = await startDesk({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openAiBaseUrl,
    OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small',
  });
});
afterAll(async () => {
  await h.stop();
  nock.cleanAll();
});

describe('the PHI redactor fails (real bot, OpenAI API via nock)', () => {
  it('L2: the LLM and the embeddings are not called, the answer comes from the KB, and the log has no text', async () => {
    const captured: CapturedRequest[] = [];
    const scope = nockChat({ stream: true, body: chatCompletionStream(['must not be asked [1]']) }, captured);
    const before = embedded.length;
    const question = `the viewer opens the exam but says no images for Jane Roe 07700 900123 ${marker}`;
    const { ts } = await h.api<{ ts: string }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: `<@${h.ws.botUserId}> ${question}`,
    });
    const reply = await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: ts, fromBot: true });
    expect(blockText(reply.blocks)).toContain('viewer/images-not-displaying.md');
    expect(blockText(reply.blocks)).toContain('Quoted from the knowledge base');
    expect(captured).toHaveLength(0);
    expect(scope.isDone()).toBe(false);
    expect(embedded.slice(before)).toEqual([]);
    await waitUntil(() => expect(h.logs()).toContain('redaction_failed'));
    await waitUntil(() => expect(h.logs()).toContain('"answered"'));
    const state = readFileSync(join(h.dataDir, 'state.sqlite')).toString('latin1');
    for (const secret of ['Jane Roe', '07700', marker]) {
      expect(h.logs()).not.toContain(secret);
      expect(state).not.toContain(secret);
    }
    nock.removeInterceptor({
      hostname: 'llm.test.invalid',
      path: '/v1/chat/completions',
      method: 'POST',
      proto: 'https',
    });
  });

  it('L2: an ordinary question still gets the LLM answer', async () => {
    const scope = nockChat({ stream: true, body: chatCompletionStream(['Clear the viewer cache [1].']) });
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
    expect(scope.isDone()).toBe(true);
    expect(reply.text).toContain('Clear the viewer cache [1].');
  });
});

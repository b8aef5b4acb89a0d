import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../src/devtools/workspace/types.js';
import { blockText, type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { type CapturedRequest, chatCompletionStream, nockChat, openAiBaseUrl } from '../../helpers/openai-nock.js';
import { startOrthanc, type TestOrthanc } from '../../helpers/orthanc-server.js';
import { writeOrthancSiteConfig } from '../../helpers/pacs-site-config.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { nockEmbeddings } from './openai-embeddings-nock.js';

/**
 * What leaves for the LLM: patient identifiers are replaced by placeholders, and the context holds only KB passages
 * and the redacted question, never PACS results. Through the real bot with the OpenAI chat and embeddings endpoints
 * served by nock and every request body captured, a real Orthanc for the study lookup, and the bot's own state store
 * read back.
 */

const cfg = tempDir('llm-phi-cfg-');
let orthanc: TestOrthanc;
let h: DeskHarness;
const embedded: { input: string[] }[] = [];

beforeAll(async () => {
  orthanc = await startOrthanc();
  const file = writeOrthancSiteConfig(cfg.path, orthanc);
  nockEmbeddings(embedded);
  h = await startDesk({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openAiBaseUrl,
    OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small',
    PACS_CONFIG: file,
  });
}, 90_000);
afterAll(async () => {
  await h?.stop();
  await orthanc?.stop();
  cfg.remove();
  nock.cleanAll();
});

async function post(user: string, channel: string, text: string, threadTs?: string): Promise<string> {
  const { ts } = await h.api<{ ts: string }>('/api/test/post', {
    user,
    channel,
    text,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return ts;
}

async function answerTo(ts: string, after?: string): Promise<StoredMessage> {
  return h.ws.waitForMessage({ thread_ts: ts, fromBot: true, streaming: false, ...(after ? { after } : {}) });
}

/** Everything the bot persisted or logged, as text. */
function persisted(): string {
  const state = readFileSync(join(h.dataDir, 'state.sqlite')).toString('latin1');
  return `${state}\n${h.logs()}`;
}

describe('PHI never leaves for the LLM (OpenAI API via nock)', () => {
  it('L1: the checklist example and phone numbers reach neither the chat model, the embeddings, the answer record nor the log', async () => {
    const identifiers = [
      'John Smith',
      '12345678',
      '01/02/1960',
      '555-123-4567',
      'A1234567',
      'jsmith@x.org',
      '07700',
      '900123',
      '7700 900123',
    ];
    const captured: CapturedRequest[] = [];
    const scope = nockChat(
      { stream: true, body: chatCompletionStream(['Log out and back in, then clear the viewer cache [1].']) },
      captured,
    );
    const before = embedded.length;
    const ts = await post(
      'clinician',
      'radiology-help',
      `<@${h.ws.botUserId}> John Smith, MRN 12345678, DOB 01/02/1960, 555-123-4567, ACC A1234567, jsmith@x.org: the viewer opens the exam but says no images. Call me on 07700 900123 or +44 7700 900123`,
    );
    const reply = await answerTo(ts);
    expect(scope.isDone()).toBe(true);
    expect(reply.text).toContain('clear the viewer cache');
    const questionEmbeddings = embedded.slice(before);
    expect(questionEmbeddings.length).toBeGreaterThan(0);
    const outbound = JSON.stringify([captured.map((c) => c.body), questionEmbeddings]);
    expect(outbound).toContain('the viewer opens the exam but says no images');
    expect(outbound).toContain('[PHONE]');
    await waitUntil(() => expect(h.logs()).toContain('"answered"'));
    for (const id of identifiers) {
      expect(outbound).not.toContain(id);
      expect(persisted()).not.toContain(id);
    }
  });

  it('L3: after a study lookup in a DM, the LLM context holds only KB passages and the redacted questions', async () => {
    await post('associate', 'dm', '/pacs study SYN0001');
    const lookup = await h.ws.waitForMessage({ textIncludes: 'Study lookup result' });
    expect(blockText(lookup.blocks)).toContain('CT HEAD W/O CONTRAST');

    const captured: CapturedRequest[] = [];
    nockChat({ stream: true, body: chatCompletionStream(['Clear the viewer cache [1].']) }, captured);
    nockChat({ stream: true, body: chatCompletionStream(['On the mobile app, sign out and in [1].']) }, captured);
    const root = await post('associate', 'dm', 'that study SYN0001 opens but the viewer says no images');
    const first = await answerTo(root);
    await post('associate', 'dm', 'and what about on the mobile app?', root);
    await answerTo(root, first.ts);
    expect(captured).toHaveLength(2);

    const study = [
      'SYN0001',
      'SYN-PAT-001',
      'TEST^ALICE',
      'ALICE',
      'CT HEAD',
      '131677350239993287464666010686738072002',
    ];
    for (const { body } of captured) {
      const sent = JSON.stringify(body);
      for (const value of study) expect(sent).not.toContain(value);
      // No assistant turns: the bot's own messages in a thread can carry PACS results or ticket details.
      expect(body.messages.map((m) => m.role)).toEqual(
        body === captured[1]?.body ? ['system', 'user', 'user'] : ['system', 'user'],
      );
      expect(body.messages[0]?.content).toContain('<passages>');
    }
    expect(captured[1]?.body.messages.at(-1)?.content).toBe('and what about on the mobile app?');
    expect(captured[1]?.body.messages[1]?.content).toContain('[ACCESSION]');
    expect(JSON.stringify(captured[1]?.body)).not.toContain('Clear the viewer cache');
  });
});

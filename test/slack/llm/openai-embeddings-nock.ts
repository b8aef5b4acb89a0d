import nock from 'nock';
import { openAiBase } from '../../helpers/openai-nock.js';

/**
 * The OpenAI embeddings endpoint as documented (one vector per input, `index` in input order), served by nock for
 * as long as the test runs; every request body is kept so a test can say what left the process.
 */
export function nockEmbeddings(captured: { input: string[] }[]) {
  return nock(openAiBase)
    .persist()
    .post('/v1/embeddings')
    .reply(200, (_uri, body) => {
      const { input, model } = body as { input: string[] | string; model: string };
      const texts = Array.isArray(input) ? input : [input];
      captured.push({ input: texts });
      return {
        object: 'list',
        model,
        data: texts.map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text) })),
        usage: { prompt_tokens: texts.length, total_tokens: texts.length },
      };
    });
}

/** A deterministic 16-dimensional bag of letters: enough for a fused ranking to be stable. */
function vectorOf(text: string): number[] {
  const v = new Array<number>(16).fill(0.01);
  for (const ch of text.toLowerCase()) {
    const code = ch.charCodeAt(0);
    if (code >= 97 && code <= 122) v[code % 16] = (v[code % 16] ?? 0) + 1;
  }
  return v;
}

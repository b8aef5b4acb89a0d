import type OpenAI from 'openai';
import type { Embedder } from '../kb/types.js';
import { toLlmError } from './openai-chat-model.js';

/** Embeddings for the hybrid retriever; the KB caches vectors on disk, so a restart re-embeds nothing. */
export function createOpenAiEmbedder(client: OpenAI, model: string): Embedder {
  return {
    model,
    async embed(texts: string[]) {
      try {
        const response = await client.embeddings.create({ model, input: texts });
        return [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      } catch (error) {
        throw toLlmError(error);
      }
    },
  };
}

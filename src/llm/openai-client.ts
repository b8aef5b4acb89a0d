import OpenAI from 'openai';
import type { FetchLike } from '../core/http.js';

export interface OpenAiClientOptions {
  apiKey: string;
  baseUrl?: string;
  timeoutMs: number;
  /** Retries inside the SDK; 0 in tests so failure paths are fast and deterministic. */
  maxRetries: number;
  fetch: FetchLike;
}

/** Built once in main.ts and passed down; works with OpenAI, Azure OpenAI and compatible servers. */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    fetch: options.fetch,
  });
}

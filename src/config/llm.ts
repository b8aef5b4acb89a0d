import { z } from 'zod';
import { type Fixes, httpUrl, int, list, text } from './fields.js';

/** The optional OpenAI-compatible model, its time and cost limits, and what answers may link to. */
export const llmSchema = z.object({
  OPENAI_API_KEY: text,
  OPENAI_BASE_URL: httpUrl,
  OPENAI_MODEL: z.string().optional().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().optional().default('text-embedding-3-small'),
  LLM_TIMEOUT_MS: int(20_000, 1000, 300_000),
  LLM_ANSWER_TIMEOUT_MS: int(60_000, 1000, 600_000),
  LLM_MAX_TOKENS: int(700, 50, 8000),
  LLM_QUESTIONS_PER_HOUR: int(30, 0, 100_000),
  LLM_QUESTIONS_PER_DAY: int(0, 0, 10_000_000),
  LINK_ALLOWLIST: list({
    item: z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/),
    normalise: (host) => host.toLowerCase(),
  }),
});
type LlmEnv = z.infer<typeof llmSchema>;

export const llmFixes = {
  OPENAI_BASE_URL: 'use the API base URL of your OpenAI-compatible server, e.g. https://api.openai.com/v1',
  LLM_TIMEOUT_MS: 'use milliseconds between 1000 and 300000 (the wait for the first words of an answer)',
  LLM_ANSWER_TIMEOUT_MS:
    'use milliseconds between 1000 and 600000, at least LLM_TIMEOUT_MS (the longest a whole streamed answer may take)',
  LLM_MAX_TOKENS: 'use a whole number between 50 and 8000',
  LLM_QUESTIONS_PER_HOUR: 'use a whole number of AI-written answers per user per hour (0 = no limit)',
  LLM_QUESTIONS_PER_DAY: 'use a whole number of AI-written answers per day for everyone together (0 = no limit)',
  LINK_ALLOWLIST: 'list host names only, comma-separated, e.g. intranet.example.org,servicedesk.example.org',
} satisfies Fixes<LlmEnv>;

export interface LlmSection {
  apiKey: string;
  baseUrl?: string;
  model: string;
  embeddingModel?: string;
  /** Deadline to the first token of an answer (the whole response when not streamed), retries included. */
  timeoutMs: number;
  /** Bound for a whole streamed answer; a stream also stops when no token arrives for `timeoutMs`. */
  answerTimeoutMs: number;
  maxTokens: number;
}

/** What answers may show and how many the LLM writes: links/e-mails only from these hosts (or trusted KB pages). */
export interface AnswersSection {
  linkAllowlist: string[];
  questionsPerHour: number;
  questionsPerDay: number;
}

/**
 * The LLM is on with a key (an embedding model unless it is "none"). The whole-answer bound is at least the
 * first-token deadline, and a custom server needs a key too.
 */
export function toLlm(e: LlmEnv, problems: string[]): { llm?: LlmSection; answers: AnswersSection } {
  if (e.LLM_ANSWER_TIMEOUT_MS < e.LLM_TIMEOUT_MS) {
    problems.push(
      `LLM_ANSWER_TIMEOUT_MS: ${e.LLM_ANSWER_TIMEOUT_MS} is shorter than LLM_TIMEOUT_MS (${e.LLM_TIMEOUT_MS}) — fix: ${llmFixes.LLM_ANSWER_TIMEOUT_MS}`,
    );
  }
  if (e.OPENAI_BASE_URL && !e.OPENAI_API_KEY) {
    problems.push(
      'OPENAI_API_KEY: required when OPENAI_BASE_URL is set — fix: set the key (any non-empty value for servers without keys)',
    );
  }
  const llm = e.OPENAI_API_KEY
    ? {
        apiKey: e.OPENAI_API_KEY,
        baseUrl: e.OPENAI_BASE_URL,
        model: e.OPENAI_MODEL,
        embeddingModel: e.OPENAI_EMBEDDING_MODEL === 'none' ? undefined : e.OPENAI_EMBEDDING_MODEL,
        timeoutMs: e.LLM_TIMEOUT_MS,
        answerTimeoutMs: e.LLM_ANSWER_TIMEOUT_MS,
        maxTokens: e.LLM_MAX_TOKENS,
      }
    : undefined;
  const answers = {
    linkAllowlist: e.LINK_ALLOWLIST,
    questionsPerHour: e.LLM_QUESTIONS_PER_HOUR,
    questionsPerDay: e.LLM_QUESTIONS_PER_DAY,
  };
  return { llm, answers };
}

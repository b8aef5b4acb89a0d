import { asBotError, ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { withoutPhi } from '../core/phi-redact.js';
import type { KnowledgeBase, SearchResponse } from '../kb/types.js';
import type { Prompt } from '../llm/prompts.js';
import type { ChatModel } from '../llm/types.js';
import { distinctBySource, toCitation } from './citations.js';
import { buildExtractiveAnswer } from './extractive.js';
import { buildGroundedAnswer } from './grounded.js';
import { filterLinks, urlsIn } from './links.js';
import { type Answer, AnswerMode, type Turn } from './types.js';

export interface AnswerServiceDeps {
  kb: KnowledgeBase;
  /** Present when an LLM is configured; without it answers are extractive. */
  llm?: { chat: ChatModel; prompt: Prompt };
  logger: Logger;
  /** Passages given to the LLM. */
  passages?: number;
}

export interface AnswerRequest {
  question: string;
  /** Earlier turns of the same thread, oldest first. */
  history?: Turn[];
  /** Streams the LLM's answer as it is written (only on the LLM path). */
  onDelta?: (delta: string) => void | Promise<void>;
}

export interface AnswerService {
  answer(request: AnswerRequest): Promise<Answer>;
}

export function createAnswerService(deps: AnswerServiceDeps): AnswerService {
  const limit = deps.passages ?? 5;
  return {
    async answer({ question, history = [], onDelta }) {
      const search = await searchWithHistory(deps.kb, question, history, limit);
      if (!search.answerable) return abstain(search);
      const allowed = new Set(
        search.results.flatMap((r) => [...(r.chunk.url ? [r.chunk.url] : []), ...urlsIn(r.chunk.text)]),
      );
      let fallbackReason: Answer['fallbackReason'];
      if (deps.llm) {
        try {
          const grounded = await buildGroundedAnswer({
            ...deps.llm,
            question,
            history,
            results: search.results,
            onDelta,
          });
          if (grounded.abstained) return abstain(search);
          return {
            mode: AnswerMode.Llm,
            answerable: true,
            markdown: filterLinks(grounded.markdown, allowed),
            citations: grounded.citations,
            nearest: [],
            confidence: search.confidence,
          };
        } catch (error) {
          const botError = asBotError(error);
          fallbackReason = botError.code === ErrorCode.Internal ? ErrorCode.LlmFailed : botError.code;
          deps.logger.warn(
            { code: fallbackReason, err: botError.message },
            'LLM answer failed; using the extractive answer',
          );
        }
      }
      const extractive = buildExtractiveAnswer(search.results);
      return {
        mode: AnswerMode.Extractive,
        answerable: true,
        markdown: filterLinks(extractive.markdown, allowed),
        citations: extractive.citations,
        nearest: [],
        confidence: search.confidence,
        fallbackReason,
      };
    },
  };
}

function abstain(search: SearchResponse): Answer {
  const nearest = distinctBySource(search.results)
    .slice(0, 3)
    .map((r, i) => toCitation(r, i + 1));
  return {
    mode: AnswerMode.Abstain,
    answerable: false,
    markdown: '',
    citations: [],
    nearest,
    confidence: search.confidence,
  };
}

/**
 * A follow-up such as "and on the mobile app?" means little alone: search it together with the previous
 * question too, and keep whichever reading the retriever is surer of.
 */
async function searchWithHistory(kb: KnowledgeBase, rawQuestion: string, history: Turn[], limit: number) {
  // Patient identifiers never help retrieval (the KB holds none) and dilute its confidence.
  const question = withoutPhi(rawQuestion) || rawQuestion;
  const alone = await kb.search(question, { limit });
  const previousRaw = [...history].reverse().find((t) => t.role === 'user')?.text;
  if (!previousRaw) return alone;
  const previous = withoutPhi(previousRaw);
  const combined = await kb.search(`${previous}\n${question}`, { limit });
  if (alone.answerable && alone.confidence >= combined.confidence) return alone;
  return combined.answerable || !alone.answerable ? combined : alone;
}

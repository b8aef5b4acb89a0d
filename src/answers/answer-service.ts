import { type Clock, systemClock } from '../core/clock.js';
import { asBotError, ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { redactPhi } from '../core/phi-redact.js';
import type { KnowledgeBase } from '../kb/types.js';
import type { Prompt } from '../llm/prompts.js';
import type { ChatModel } from '../llm/types.js';
import { abstain, leadGuide, topActionSections, vetCitations } from './answer-shape.js';
import { buildExtractiveAnswer } from './extractive.js';
import { buildGroundedAnswer } from './grounded.js';
import { chooseLead } from './lead-section.js';
import { createLinkPolicy } from './link-policy.js';
import { createQuestionQuota } from './question-quota.js';
import { type RedactedQuestion, redactQuestion } from './redact-question.js';
import { searchWithHistory } from './search-with-history.js';
import { type Answer, AnswerMode, type AnswerRequest } from './types.js';
import { vetAnswer } from './vet-output.js';
import { withoutIdentifiers } from './without-identifiers.js';

export interface AnswerServiceDeps {
  kb: KnowledgeBase;
  /** Present when an LLM is configured; without it answers are extractive. */
  llm?: { chat: ChatModel; prompt: Prompt };
  logger: Logger;
  /** Passages given to the LLM. */
  passages?: number;
  /** Hosts whose links and e-mail addresses answers may show (besides those in pages marked `trusted: true`). */
  linkAllowlist?: readonly string[];
  /** LLM-written answers per user per hour; 0 = unlimited. Over it, answers are quoted from the KB. */
  questionsPerHour?: number;
  /** LLM-written answers per day for everyone together (a cost cap); 0 = unlimited. */
  questionsPerDay?: number;
  /** Questions longer than this skip the LLM (a KB-only answer). */
  maxLlmQuestionChars?: number;
  /** The PHI redactor and its time budget; injectable so tests can make it fail. */
  redact?: (text: string) => string;
  redactBudgetMs?: number;
  /** Times the redactor against its budget and counts the question quotas; default `systemClock`. */
  now?: Clock;
}

export type { AnswerRequest };

export interface AnswerService {
  answer(request: AnswerRequest): Promise<Answer>;
}

export function createAnswerService(deps: AnswerServiceDeps): AnswerService {
  const limit = deps.passages ?? 5;
  const now = deps.now ?? systemClock;
  const quota = createQuestionQuota(deps.questionsPerHour ?? 0, now);
  const dailyBudget = createQuestionQuota(deps.questionsPerDay ?? 0, now, 24 * 60 * 60 * 1000);
  const maxLlmChars = deps.maxLlmQuestionChars ?? 2000;
  const redactor = { redact: deps.redact ?? redactPhi, budgetMs: deps.redactBudgetMs ?? 500, now };

  /** Why the LLM must not be asked, if it must not; the question reaches it only redacted. */
  function llmBlocker(request: AnswerRequest, redacted: RedactedQuestion | undefined): ErrorCode | undefined {
    if (!redacted) return ErrorCode.RedactionFailed;
    if (request.question.length > maxLlmChars) return ErrorCode.LlmInputTooLong;
    if (request.userId && !quota.take(request.userId)) return ErrorCode.LlmQuotaExceeded;
    if (!dailyBudget.take('all')) return ErrorCode.LlmBudgetExhausted;
    return undefined;
  }

  const service: AnswerService = {
    async answer(request) {
      const { question, history = [], onDelta, scope } = request;
      const redacted = redactQuestion(question, history, redactor);
      if (!redacted) {
        // Logged without the text: the text is what could not be made safe.
        deps.logger.warn(
          { code: ErrorCode.RedactionFailed },
          'PHI redaction failed; answering from the knowledge base only',
        );
      }
      // Without a redacted question nothing leaves the process: lexical search only (no query embedding).
      const search = redacted
        ? await searchWithHistory(deps.kb, redacted, limit, scope)
        : await deps.kb.search(question, { limit, lexicalOnly: true, ...(scope ? { scope } : {}) });
      // Passages flagged at indexing (instruction-like text) are never sent to the model nor quoted.
      const results = search.results.filter((r) => !r.chunk.flagged);
      if (!search.answerable || results.length === 0) return abstain(search, deps.linkAllowlist);
      const page = (source: string) => deps.kb.page(source).filter((c) => !c.flagged);
      const choice = chooseLead(question, results, page);
      const policy = createLinkPolicy(deps.linkAllowlist ?? [], [
        ...results.map((r) => r.chunk),
        ...(choice ? page(choice.lead.chunk.source) : []),
      ]);
      const guide = choice && leadGuide(choice, page, policy);
      let fallbackReason: Answer['fallbackReason'];
      if (deps.llm) {
        fallbackReason = llmBlocker(request, redacted);
        if (fallbackReason) deps.logger.info({ code: fallbackReason }, 'LLM skipped; using the extractive answer');
      }
      if (deps.llm && redacted && !fallbackReason) {
        try {
          const grounded = await buildGroundedAnswer({
            ...deps.llm,
            question: redacted.question,
            history: redacted.history,
            results: choice ? [choice.lead, ...results.filter((r) => r.chunk.id !== choice.lead.chunk.id)] : results,
            actionPassages: topActionSections(results, page),
            vet: { policy, passageCount: results.length },
            onDelta,
          });
          if (grounded.abstained) return abstain(search, deps.linkAllowlist);
          return {
            mode: AnswerMode.Llm,
            answerable: true,
            markdown: grounded.markdown,
            citations: vetCitations(grounded.citations, policy),
            nearest: [],
            confidence: search.confidence,
            ...(grounded.findings?.ticketSuggested ? { suggestsTicket: true } : {}),
            ...(guide ? { guide } : {}),
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
      const extractive = buildExtractiveAnswer(results, choice);
      const vetted = vetAnswer(extractive.markdown, { policy, passageCount: extractive.citations.length });
      return {
        mode: AnswerMode.Extractive,
        answerable: true,
        markdown: vetted.markdown,
        citations: vetCitations(extractive.citations, policy),
        nearest: [],
        confidence: search.confidence,
        fallbackReason,
        ...(guide ? { guide } : {}),
      };
    },
  };
  return {
    answer: async (request) => {
      const answer = await service.answer(request);
      return request.noIdentifiers ? withoutIdentifiers(answer, redactor.redact) : answer;
    },
  };
}

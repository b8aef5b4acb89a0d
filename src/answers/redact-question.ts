import type { Clock } from '../core/clock.js';
import { stripPlaceholders } from '../core/phi-redact.js';
import type { Turn } from './types.js';

/** Everything about a question that may leave the process (LLM, embeddings), with patient identifiers redacted. */
export interface RedactedQuestion {
  question: string;
  /** Earlier user turns only: the bot's own turns may carry PACS results, which never go to the LLM. */
  history: Turn[];
  /** For retrieval: placeholders and their labels dropped ("images missing for"). */
  searchText: string;
  previousSearchText?: string;
}

export interface Redactor {
  redact(text: string): string;
  budgetMs: number;
  /** Times the redactor against `budgetMs`. */
  now: Clock;
}

/**
 * Runs the redactor over the question and the earlier user turns. Fails closed: when the redactor throws or
 * takes longer than its budget, the result is undefined and the caller must not send anything anywhere.
 */
export function redactQuestion(question: string, history: Turn[], redactor: Redactor): RedactedQuestion | undefined {
  const started = redactor.now();
  try {
    const redactedQuestion = redactor.redact(question);
    const userTurns = history
      .filter((t) => t.role === 'user')
      .map((t) => ({ role: t.role, text: redactor.redact(t.text) }));
    if (redactor.now() - started > redactor.budgetMs) return undefined;
    const previous = userTurns.at(-1)?.text;
    // Patient identifiers never help retrieval (the KB holds none) and dilute its confidence.
    return {
      question: redactedQuestion,
      history: userTurns,
      searchText: stripPlaceholders(redactedQuestion) || redactedQuestion,
      ...(previous ? { previousSearchText: stripPlaceholders(previous) } : {}),
    };
  } catch {
    return undefined;
  }
}

import type { Answer } from './types.js';

/** Shown instead of an answer's text when the redactor fails on it: the cited pages still say it. */
const textWithheld = 'The answer is in the pages below.';

/**
 * An answer for a channel shared with other organisations: its text and guide steps through the PHI redactor, so a
 * patient identifier that reached a KB page (or the model's wording) is never echoed there. Fails closed.
 */
export function withoutIdentifiers(answer: Answer, redact: (text: string) => string): Answer {
  const safe = (text: string) => {
    try {
      return redact(text);
    } catch {
      return textWithheld;
    }
  };
  const guide = answer.guide && {
    ...answer.guide,
    remaining: answer.guide.remaining.map((step) => ({ ...step, markdown: safe(step.markdown) })),
  };
  return { ...answer, markdown: answer.markdown && safe(answer.markdown), ...(guide ? { guide } : {}) };
}

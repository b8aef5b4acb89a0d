import { randomUUID } from 'node:crypto';
import { type Answer, AnswerMode, type TroubleshootingGuide } from '../answers/types.js';
import { redactPhi } from '../core/phi-redact.js';
import type { StateStore } from '../state/create-state-store.js';

/** What feedback needs to know about an answer, kept for 30 days: the question is stored redacted. */
export interface AnswerRecord {
  question: string;
  sources: string[];
  mode: string;
  /** The troubleshooting path "Next step" walks: knowledge-base text only, kept here so buttons carry ids. */
  guide?: TroubleshootingGuide;
}

const ttlMs = 30 * 24 * 60 * 60 * 1000;

export async function saveAnswerRecord(state: StateStore, question: string, answer: Answer): Promise<string> {
  const id = randomUUID();
  const sources = (answer.citations.length > 0 ? answer.citations : answer.nearest).map((c) => c.source);
  const record: AnswerRecord = { question: storedQuestion(question), sources, mode: answer.mode };
  if (answer.guide && answer.mode !== AnswerMode.Abstain) record.guide = answer.guide;
  await state.set(`answer:${id}`, record, ttlMs);
  return id;
}

export async function loadAnswerRecord(state: StateStore, id: string): Promise<AnswerRecord | undefined> {
  return (await state.get<AnswerRecord>(`answer:${id}`)) ?? undefined;
}

/** The question as stored: redacted, or not at all when the redactor fails (fail closed). */
function storedQuestion(question: string): string {
  try {
    return redactPhi(question.slice(0, 4000)).slice(0, 2000);
  } catch {
    return '';
  }
}

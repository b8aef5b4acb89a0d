import type { SearchResult } from '../kb/types.js';
import { type Prompt, renderPrompt } from '../llm/prompts.js';
import type { ChatMessage, ChatModel } from '../llm/types.js';
import { toCitation } from './citations.js';
import type { Citation, Turn } from './types.js';
import { createVetter, type VetContext, type VetFindings, vetAnswer } from './vet-output.js';
import { createVettedStream } from './vetted-stream.js';

/** What the model must answer, alone, when the passages do not answer the question. */
export const NO_ANSWER = 'NO_ANSWER';

export interface GroundedInput {
  chat: ChatModel;
  prompt: Prompt;
  /** Already redacted: nothing reaches the model that did not pass the PHI redactor. */
  question: string;
  history: Turn[];
  /** The passages sent, numbered [1].. in this order; none is flagged. */
  results: SearchResult[];
  /** How the answer is vetted (links allowed, passage count); the same vetting for streamed and final text. */
  vet: VetContext;
  /** Receives vetted text, a line at a time. */
  onDelta?: (delta: string) => void | Promise<void>;
}

export interface GroundedAnswer {
  abstained: boolean;
  markdown: string;
  citations: Citation[];
  findings?: VetFindings;
}

/** Asks the model for an answer grounded in the passages, then vets what it wrote (streamed or not). */
export async function buildGroundedAnswer(input: GroundedInput): Promise<GroundedAnswer> {
  const passages = input.results.map((r, i) => formatPassage(r, i + 1)).join('\n\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: renderPrompt(input.prompt, { passages, no_answer: NO_ANSWER }) },
    ...input.history.map((t) => ({ role: t.role, content: t.text })),
    { role: 'user', content: input.question },
  ];
  const stream = input.onDelta ? createVettedStream(input.onDelta, createVetter(input.vet).line) : undefined;
  const raw = (await input.chat.complete(messages, { onDelta: stream && holdBackNoAnswer(stream.push) })).trim();
  if (!raw || raw.startsWith(NO_ANSWER)) return { abstained: true, markdown: '', citations: [] };
  await stream?.flush();
  const { markdown: text, findings } = vetAnswer(raw, input.vet);
  const used = [...new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))].filter(
    (n) => n >= 1 && n <= input.results.length,
  );
  const citedNumbers = used.length > 0 ? used.sort((a, b) => a - b) : [1];
  const citations = citedNumbers.map((n) => toCitation(input.results[n - 1] as SearchResult, n));
  return { abstained: false, markdown: text, citations, findings };
}

/** Retrieved text is data: fenced, labelled, and unable to close its own fence. */
function formatPassage(result: SearchResult, n: number): string {
  const { chunk } = result;
  const label = chunk.heading ? `${chunk.title} › ${chunk.heading}` : chunk.title;
  const body = chunk.text.replace(/"""/g, '"\u200b""').replace(/<\/?passages>/gi, '');
  return `[${n}] ${label} (${chunk.source})\n"""\n${body}\n"""`;
}

/** Streams deltas through, except an answer that turns out to be the NO_ANSWER marker. */
function holdBackNoAnswer(onDelta: (delta: string) => void | Promise<void>) {
  let held = '';
  let decided = false;
  return async (delta: string) => {
    if (decided) return onDelta(delta);
    held += delta;
    const trimmed = held.trimStart();
    if (NO_ANSWER.startsWith(trimmed) || trimmed.startsWith(NO_ANSWER)) return;
    decided = true;
    await onDelta(held);
  };
}

import { redactPhi } from '../core/phi-redact.js';
import type { SearchResult } from '../kb/types.js';
import { type Prompt, renderPrompt } from '../llm/prompts.js';
import type { ChatMessage, ChatModel } from '../llm/types.js';
import { toCitation } from './citations.js';
import type { Citation, Turn } from './types.js';

/** What the model must answer, alone, when the passages do not answer the question. */
export const NO_ANSWER = 'NO_ANSWER';

export interface GroundedInput {
  chat: ChatModel;
  prompt: Prompt;
  question: string;
  history: Turn[];
  results: SearchResult[];
  onDelta?: (delta: string) => void | Promise<void>;
}

export interface GroundedAnswer {
  abstained: boolean;
  markdown: string;
  citations: Citation[];
}

/** Asks the model for an answer grounded in the passages, with every patient identifier redacted first. */
export async function buildGroundedAnswer(input: GroundedInput): Promise<GroundedAnswer> {
  const passages = input.results.map((r, i) => formatPassage(r, i + 1)).join('\n\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: renderPrompt(input.prompt, { passages, no_answer: NO_ANSWER }) },
    ...input.history.map((t) => ({ role: t.role, content: redactPhi(t.text) })),
    { role: 'user', content: redactPhi(input.question) },
  ];
  const text = (
    await input.chat.complete(messages, { onDelta: input.onDelta && holdBackNoAnswer(input.onDelta) })
  ).trim();
  if (!text || text.startsWith(NO_ANSWER)) return { abstained: true, markdown: '', citations: [] };
  const used = [...new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))].filter(
    (n) => n >= 1 && n <= input.results.length,
  );
  const citedNumbers = used.length > 0 ? used.sort((a, b) => a - b) : [1];
  const citations = citedNumbers.map((n) => toCitation(input.results[n - 1] as SearchResult, n));
  const markdown = text.replace(/\[(\d{1,3})\]/g, (m, n: string) => (citedNumbers.includes(Number(n)) ? m : ''));
  return { abstained: false, markdown, citations };
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

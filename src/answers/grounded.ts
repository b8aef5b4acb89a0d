import type { KbChunk, SearchResult } from '../kb/types.js';
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
  /** The best-matching passages, numbered [1].. in this order; none is flagged. */
  results: SearchResult[];
  /**
   * The action sections (steps, whom to call) of the top pages, sent as further numbered sources after `results`.
   * Passages already among `results` and flagged passages are left out here, whatever the caller passes.
   */
  actionPassages?: KbChunk[];
  /** How the answer is vetted (links allowed); `passageCount` is set here to the number of sources sent. */
  vet: VetContext;
  /** Receives vetted text, a line at a time. */
  onDelta?: (delta: string) => void | Promise<void>;
}

export interface GroundedAnswer {
  abstained: boolean;
  markdown: string;
  /** Each source the answer cites, in the order the answer first cites it: `citations[0]` is what it leads with. */
  citations: Citation[];
  findings?: VetFindings;
}

/** Asks the model for an answer grounded in the passages, then vets what it wrote (streamed or not). */
export async function buildGroundedAnswer(input: GroundedInput): Promise<GroundedAnswer> {
  const sources = promptSources(input.results, input.actionPassages ?? []);
  const vet: VetContext = { ...input.vet, passageCount: sources.length };
  const passages = sources.map((chunk, i) => formatPassage(chunk, i + 1)).join('\n\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: renderPrompt(input.prompt, { passages, no_answer: NO_ANSWER }) },
    ...input.history.map((t) => ({ role: t.role, content: stripCitations(t.text) })),
    { role: 'user', content: input.question },
  ];
  const stream = input.onDelta ? createVettedStream(input.onDelta, createVetter(vet).line) : undefined;
  const raw = (await input.chat.complete(messages, { onDelta: stream && holdBackNoAnswer(stream.push) })).trim();
  if (!raw || raw.startsWith(NO_ANSWER)) return { abstained: true, markdown: '', citations: [] };
  await stream?.flush();
  const { markdown: text, findings } = vetAnswer(raw, vet);
  const cited = citedInOrder(text, sources.length);
  const citations = (cited.length > 0 ? cited : [1]).map((n) =>
    toCitation({ chunk: sources[n - 1] as KbChunk, score: 0 }, n),
  );
  return { abstained: false, markdown: text, citations, findings };
}

/** The best passages, then the action passages not already among them; flagged passages never. */
export function promptSources(results: SearchResult[], actionPassages: KbChunk[]): KbChunk[] {
  const sources: KbChunk[] = [];
  const seen = new Set<string>();
  for (const chunk of [...results.map((r) => r.chunk), ...actionPassages]) {
    if (chunk.flagged || seen.has(chunk.id)) continue;
    seen.add(chunk.id);
    sources.push(chunk);
  }
  return sources;
}

/**
 * Earlier turns cite the sources of an earlier prompt: their `[1]` is another page than this prompt's [1], so the
 * markers are dropped before the turns are sent (Markdown links `[1](…)` are left alone).
 *
 * @example stripCitations('Clear the cache [1][2].') // 'Clear the cache.'
 */
export function stripCitations(text: string): string {
  return text.replace(/[ \t]*\[\d{1,3}\](?!\()/g, '');
}

/** Source numbers the text cites, in order of first appearance, within 1..count. */
function citedInOrder(text: string, count: number): number[] {
  const numbers = [...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1]));
  return [...new Set(numbers)].filter((n) => n >= 1 && n <= count);
}

/** Retrieved text is data: fenced, labelled, and unable to close its own fence. */
function formatPassage(chunk: KbChunk, n: number): string {
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

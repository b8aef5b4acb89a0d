import type { AnswerService } from '../answers/answer-service.js';
import { AnswerMode } from '../answers/types.js';
import { type CliIo, UsageError } from './io.js';

/** `ask "<question>" [--json]`: the same answer the bot would give in Slack. */
export async function ask(
  answers: AnswerService,
  io: CliIo,
  args: { question?: string; json: boolean },
): Promise<number> {
  if (!args.question) throw new UsageError('give a question: pacs-desk ask "why does the viewer say no images?"');
  const answer = await answers.answer({ question: args.question });
  const text =
    answer.mode === AnswerMode.Abstain ? "I don't know: the knowledge base doesn't cover this." : answer.markdown;
  const citations = (answer.mode === AnswerMode.Abstain ? answer.nearest : answer.citations).map((c) => ({
    source: c.source,
    title: c.title,
    heading: c.heading,
  }));
  if (args.json) {
    io.stdout(`${JSON.stringify({ answer: text, answerable: answer.answerable, mode: answer.mode, citations })}\n`);
    return 0;
  }
  io.stdout(`${text}\n\n${answer.mode === AnswerMode.Abstain ? 'Nearest pages' : 'Sources'}:\n`);
  for (const [i, c] of citations.entries())
    io.stdout(`  [${i + 1}] ${c.title}${c.heading ? ` › ${c.heading}` : ''} (${c.source})\n`);
  return 0;
}

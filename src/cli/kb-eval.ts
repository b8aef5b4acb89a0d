import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { leadSectionOf } from '../answers/lead-section.js';
import { type EvalQuestion, evaluate } from '../kb/eval.js';
import type { KnowledgeBase } from '../kb/types.js';
import { type CliIo, UsageError } from './io.js';

/**
 * `kb eval --questions FILE`: hit@1/3/5, MRR, abstention and section usefulness over JSON lines
 * {"id","question","expected":[pages],"accept"?:{page:[[heading path]]}}.
 */
export async function kbEval(
  kb: KnowledgeBase,
  io: CliIo,
  args: { questions?: string; json: boolean },
): Promise<number> {
  if (!args.questions) throw new UsageError('give a questions file: pacs-desk kb eval --questions FILE');
  const questions: EvalQuestion[] = readFileSync(resolve(io.cwd, args.questions), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const q = JSON.parse(line) as EvalQuestion;
      if (typeof q.question !== 'string' || !Array.isArray(q.expected)) {
        throw new UsageError(`line ${i + 1}: expected {"id","question","expected":[sources]}`);
      }
      return q;
    });
  // Usefulness scores the section `ask` leads with, chosen the way the answer service chooses it.
  const report = await evaluate(kb, questions, {
    leadOf: (question, response) => leadSectionOf(kb, question, response),
  });
  if (args.json) {
    io.stdout(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const pct = (x: number) => x.toFixed(3);
  io.stdout(
    [
      `questions: ${report.answerableCount} answerable, ${report.unanswerableCount} unanswerable`,
      `hit@1 ${pct(report.hit1)}  hit@3 ${pct(report.hit3)}  hit@5 ${pct(report.hit5)}  MRR ${pct(report.mrr)}`,
      `abstained on unanswerable: ${report.abstainedUnanswerable}/${report.unanswerableCount}`,
      `false abstentions on answerable: ${report.falseAbstentions}/${report.answerableCount}`,
      ...(report.usefulnessCount > 0
        ? [
            `section usefulness (the section the answer leads with is an accepted one): ${pct(report.usefulness)} of ${report.usefulnessCount}`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  return 0;
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KnowledgeBase, SearchResponse } from '../kb/types.js';
import { type CliIo, UsageError } from './io.js';

function toJson(response: SearchResponse) {
  return {
    answerable: response.answerable,
    results: response.results.map((r) => ({
      source: r.chunk.source,
      title: r.chunk.title,
      heading: r.chunk.heading,
      score: Number(r.score.toFixed(4)),
      text: r.chunk.text,
    })),
  };
}

/** `kb search "<question>"` or `kb search --batch FILE --json` (JSON lines in, JSON lines out). */
export async function kbSearch(
  kb: KnowledgeBase,
  io: CliIo,
  args: { question?: string; batch?: string; limit: number; json: boolean },
): Promise<number> {
  if (args.batch) {
    if (!args.json) throw new UsageError('--batch writes JSON lines: add --json');
    const lines = readFileSync(resolve(io.cwd, args.batch), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    for (const [i, line] of lines.entries()) {
      let input: { id?: unknown; question?: unknown };
      try {
        input = JSON.parse(line);
      } catch {
        throw new UsageError(`line ${i + 1} of ${args.batch} is not JSON: expected {"id","question"}`);
      }
      if (typeof input.question !== 'string')
        throw new UsageError(`line ${i + 1} of ${args.batch} has no "question" string`);
      const response = await kb.search(input.question, { limit: args.limit });
      io.stdout(`${JSON.stringify({ id: input.id ?? i + 1, ...toJson(response) })}\n`);
    }
    return 0;
  }
  if (!args.question) throw new UsageError('give a question: pacs-desk kb search "how do I pull priors?"');
  const response = await kb.search(args.question, { limit: args.limit });
  if (args.json) {
    io.stdout(`${JSON.stringify({ question: args.question, confidence: response.confidence, ...toJson(response) })}\n`);
    return 0;
  }
  io.stdout(
    `${response.answerable ? 'Answerable' : 'Probably not answered by the KB'} (confidence ${response.confidence.toFixed(2)})\n\n`,
  );
  for (const [i, r] of response.results.entries()) {
    const where = r.chunk.heading ? `${r.chunk.title} › ${r.chunk.heading}` : r.chunk.title;
    io.stdout(
      `${i + 1}. ${where}  [${r.chunk.source}${r.chunk.anchor ? `#${r.chunk.anchor}` : ''}]  score ${r.score.toFixed(3)}\n`,
    );
    io.stdout(`   ${r.chunk.text.replace(/\s+/g, ' ').slice(0, 200)}\n`);
  }
  return 0;
}

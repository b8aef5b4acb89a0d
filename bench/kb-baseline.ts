import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import MiniSearch from 'minisearch';
import { scanFiles } from '../src/kb/corpus/scan-files.js';
import { type EvalQuestion, type EvalQuestionResult, summarize } from '../src/kb/eval.js';

/**
 * Plain BM25 baseline: MiniSearch with default options, one document per file, fields title + text. Abstention is
 * "no results", the only signal it has.
 */
export async function buildBaseline(dir: string): Promise<{ search: (q: string) => string[]; buildMs: number }> {
  const started = performance.now();
  const files = await scanFiles(dir);
  const mini = new MiniSearch<{ id: string; title: string; text: string }>({ fields: ['title', 'text'] });
  const docs = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(file.path, 'utf8');
      const title = /^#\s+(.+)$/m.exec(text)?.[1] ?? basename(file.source, extname(file.source));
      return { id: file.source, title, text };
    }),
  );
  mini.addAll(docs);
  const buildMs = performance.now() - started;
  return { search: (q) => mini.search(q).map((r) => String(r.id)), buildMs };
}

/** Scores the baseline with the same page-level metrics as {@link evaluate}. */
export function evaluateBaseline(search: (q: string) => string[], questions: readonly EvalQuestion[]) {
  const perQuestion: EvalQuestionResult[] = questions.map((q) => {
    const sources = search(q.question);
    const index = sources.findIndex((source) => q.expected.includes(source));
    return {
      id: q.id,
      expected: q.expected,
      sources: sources.slice(0, 5),
      rank: q.expected.length > 0 && index >= 0 ? index + 1 : null,
      answerable: sources.length > 0,
      confidence: sources.length > 0 ? 1 : 0,
      usefulSection: null, // whole pages: no section to lead with
    };
  });
  return summarize(perQuestion);
}

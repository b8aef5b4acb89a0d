import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir();
afterAll(() => dir.remove());

function run(...argv: string[]) {
  return runCliCaptured(argv, { dataDir: join(dir.path, 'data'), cwd: dir.path });
}

const kbDir = join(packageRoot, 'knowledge');

describe('pacs-desk CLI', () => {
  it('kb search --json returns ranked passages with sources relative to the KB folder', async () => {
    const { code, stdout } = await run(
      'kb',
      'search',
      'patient is not on the scanner worklist',
      '--kb',
      kbDir,
      '--limit',
      '3',
      '--json',
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.answerable).toBe(true);
    expect(out.results).toHaveLength(3);
    expect(out.results[0]).toEqual({
      source: 'modality/worklist-problems.md',
      title: expect.any(String),
      heading: expect.any(String),
      score: expect.any(Number),
      text: expect.any(String),
    });
  });

  it('kb search --batch reads JSON lines and writes one line per question', async () => {
    const file = join(dir.path, 'batch.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'a', question: 'how do I get PACS access for a new locum' })}\n${JSON.stringify({ id: 'b', question: 'what is the cafeteria menu' })}\n`,
    );
    const { code, stdout } = await run('kb', 'search', '--batch', file, '--json', '--kb', kbDir);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(lines[0].answerable).toBe(true);
    expect(lines[0].results[0].source).toBe('access/requesting-pacs-access.md');
    expect(lines[1].answerable).toBe(false);
  });

  it('ask --json gives the answer with citations, extractive without an LLM', async () => {
    const { code, stdout } = await run('ask', 'how do I burn a cd of a scan for the patient', '--kb', kbDir, '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ answerable: true, mode: 'extractive' });
    expect(out.answer).toMatch(/\[1\]/);
    expect(out.citations[0]).toEqual({
      source: 'studies/burning-a-cd.md',
      title: expect.any(String),
      heading: expect.any(String),
    });
  });

  it('kb eval scores the starter question set', async () => {
    const { code, stdout } = await run(
      'kb',
      'eval',
      '--questions',
      join(packageRoot, 'test/fixtures/starter-questions.jsonl'),
      '--kb',
      kbDir,
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.answerableCount).toBe(25);
    expect(report.hit3).toBeGreaterThanOrEqual(0.8);
    expect(report.abstainedUnanswerable).toBeGreaterThanOrEqual(4);
  });

  it('kb eval scores section usefulness from accepted heading paths (Markdown and case ignored)', async () => {
    const file = join(tempDir('eval-').path, 'q.jsonl');
    const page = 'studies/burning-a-cd.md';
    const lines = [
      // Any section under the page's title resolves it: the top passage must be on the page.
      {
        id: 'u1',
        question: 'how do I burn a cd of a scan for the patient',
        expected: [page],
        accept: { [page]: [['Burning a `CD` or DVD of images for a patient or another [hospital][ref]']] },
      },
      // A section the page does not have: never useful.
      {
        id: 'u2',
        question: 'how do I burn a cd of a scan for the patient',
        expected: [page],
        accept: { [page]: [['Burning a CD or DVD of images for a patient or another hospital', 'No such section']] },
      },
      { id: 'u3', question: 'how do I burn a cd of a scan for the patient', expected: [page] },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const { code, stdout } = await run('kb', 'eval', '--questions', file, '--kb', kbDir, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.perQuestion.map((q: { usefulSection: boolean | null }) => q.usefulSection)).toEqual([
      true,
      false,
      null,
    ]);
    expect(report).toMatchObject({ usefulness: 0.5, usefulnessCount: 2 });
    const text = await run('kb', 'eval', '--questions', file, '--kb', kbDir);
    expect(text.stdout).toContain(
      'section usefulness (the section the answer leads with is an accepted one): 0.500 of 2',
    );
  });

  it('kb index prints the size of the knowledge base', async () => {
    const { code, stdout } = await run('kb', 'index', '--kb', kbDir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ documents: 20, failures: [] });
  });

  it('kb feedback lists stored feedback (none yet)', async () => {
    const { code, stdout } = await run('kb', 'feedback', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('explains usage mistakes with exit code 2', async () => {
    expect((await run('kb', 'search')).stderr).toContain('give a question');
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('kb', 'search', 'x', '--limit', 'many')).stderr).toContain('--limit takes a whole number');
    expect((await run('kb', 'search', 'x', '--bogus')).code).toBe(2);
    const missing = await run('kb', 'search', 'x', '--kb', '/nonexistent');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('KB_DIR: folder /nonexistent does not exist');
  });
});

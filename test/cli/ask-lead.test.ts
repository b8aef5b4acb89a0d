import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir();
afterAll(() => dir.remove());
const kbDir = join(packageRoot, 'knowledge');
const run = (...argv: string[]) => runCliCaptured(argv, { dataDir: join(dir.path, 'data'), cwd: dir.path });

describe('ask and kb eval agree on the section an answer leads with', () => {
  it('ask --json: citations[0] is the section the answer leads with, not the symptom list that matched', async () => {
    const { code, stdout } = await run('ask', 'the viewer opens the exam but says no images', '--kb', kbDir, '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ answerable: true, mode: 'extractive' });
    expect(out.citations[0]).toEqual({
      source: 'viewer/images-not-displaying.md',
      title: 'Images not displaying in the viewer',
      heading: expect.not.stringMatching(/^Symptoms$/),
    });
    expect(out.answer.startsWith(`**${out.citations[0].heading}**`)).toBe(true);
  });

  it('kb eval scores usefulness on the section ask leads with', async () => {
    const file = join(dir.path, 'lead.jsonl');
    const accept = (section: string) => ({
      'viewer/images-not-displaying.md': [['Images not displaying in the viewer', section]],
    });
    const question = 'the viewer opens the exam but says no images';
    const { stdout: asked } = await run('ask', question, '--kb', kbDir, '--json');
    const led = JSON.parse(asked).citations[0].heading as string;
    writeFileSync(
      file,
      [
        { id: 'led', question, expected: ['viewer/images-not-displaying.md'], accept: accept(led) },
        { id: 'symptoms', question, expected: ['viewer/images-not-displaying.md'], accept: accept('Symptoms') },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    const { code, stdout } = await run('kb', 'eval', '--questions', file, '--kb', kbDir, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.perQuestion.map((q: { usefulSection: boolean }) => q.usefulSection)).toEqual([true, false]);
  });
});

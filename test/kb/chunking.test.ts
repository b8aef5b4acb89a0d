import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, chunkDocument } from '../../src/kb/chunk/chunk-document.js';
import { repairFences } from '../../src/kb/chunk/repair-fences.js';
import { createSlugger, slugify } from '../../src/kb/chunk/slugify.js';

const md = (markdown: string, extra: { title?: string; structured?: boolean } = {}) => ({
  markdown,
  tags: ['t'],
  structured: extra.structured ?? true,
  ...(extra.title ? { title: extra.title } : {}),
});

describe('slugs', () => {
  it('follows GitHub: lower case, punctuation dropped, spaces to hyphens, duplicates numbered', () => {
    expect(slugify('C-Move: Query/retrieve')).toBe('c-move-queryretrieve');
    expect(slugify('What is an AE title?')).toBe('what-is-an-ae-title');
    const slug = createSlugger();
    expect([slug('Setup'), slug('Setup'), slug('Setup')]).toEqual(['setup', 'setup-1', 'setup-2']);
  });
});

describe('chunkDocument', () => {
  it('keeps title, heading path, anchor, source and tags per section', async () => {
    const chunks = await chunkDocument(
      md(
        'Intro text.\n\n# Pulling priors\nOverview.\n## From `St Mary`\nUse Q/R.\n### Ports\nPort 104.\n## Other\nMore.',
      ),
      'studies/priors.md',
    );
    expect(chunks.map((c) => [c.id, c.headingPath.join(' > ')])).toEqual([
      ['studies/priors.md#', ''],
      ['studies/priors.md#pulling-priors', 'Pulling priors'],
      ['studies/priors.md#from-st-mary', 'Pulling priors > From St Mary'],
      ['studies/priors.md#ports', 'Pulling priors > From St Mary > Ports'],
      ['studies/priors.md#other', 'Pulling priors > Other'],
    ]);
    expect(chunks[0]?.title).toBe('Pulling priors');
    expect(chunks[3]).toMatchObject({
      heading: 'Ports',
      anchor: 'ports',
      text: 'Port 104.',
      source: 'studies/priors.md',
      tags: ['t'],
    });
  });

  it('prefers the front matter title and falls back to the file name', async () => {
    expect((await chunkDocument(md('# H1\nx', { title: 'FM' }), 'a/b.md'))[0]?.title).toBe('FM');
    expect((await chunkDocument(md('no heading'), 'a/pacs-ports.txt'))[0]?.title).toBe('pacs-ports');
  });

  it('ignores # lines inside code fences', async () => {
    const chunks = await chunkDocument(md('# Script\n```bash\n# not a heading\necho hi\n```'), 's.md');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toContain('# not a heading');
  });

  it('splits long sections by size with numbered ids, and never leaves a code fence open', async () => {
    const code = Array.from({ length: 120 }, (_, i) => `storescu -aec ARCHIVE host 104 file${i}.dcm`).join('\n');
    const chunks = await chunkDocument(md(`# Send\n## Bulk\nRun:\n\n\`\`\`bash\n${code}\n\`\`\`\n\nDone.`), 'send.md');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[1]?.id).toBe('send.md#bulk~1');
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(CHUNK_SIZE + 20);
      expect((chunk.text.match(/^```/gm) ?? []).length % 2).toBe(0);
      // Lines are whole: every code line in a chunk is a complete command.
      for (const line of chunk.text.split('\n').filter((l) => l.startsWith('storescu'))) expect(line).toMatch(/\.dcm$/);
    }
  });

  it('chunks unstructured (PDF) text by size without headings', async () => {
    const text = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} about downtime.`).join(' ');
    const chunks = await chunkDocument(md(`# Not a heading in PDF\n${text}`, { structured: false }), 'd.pdf');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.heading === '' && c.anchor === '')).toBe(true);
  });
});

describe('repairFences', () => {
  it('re-opens and re-closes a fence cut by the splitter', () => {
    expect(repairFences('```\na\nb\n```', ['```\na', 'b\n```'])).toEqual(['```\na\n```', '```\nb\n```']);
  });
});

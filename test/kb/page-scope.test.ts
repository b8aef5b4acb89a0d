import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMarkdown } from '../../src/kb/ingest/markdown.js';
import { createKnowledgeBase, type WatchableKnowledgeBase } from '../../src/kb/knowledge-base.js';
import { pageScopeFilter } from '../../src/kb/search/page-scope.js';
import type { KbChunk } from '../../src/kb/types.js';
import { tempDir } from '../helpers/temp-dir.js';

const chunk = (source: string, tags: string[] = [], audience?: string[]) =>
  ({ source, tags, ...(audience ? { audience } : {}) }) as KbChunk;

describe('pageScopeFilter', () => {
  it('is no filter for an absent or empty scope, or a folder meaning the whole KB', () => {
    expect(pageScopeFilter(undefined)).toBeUndefined();
    expect(pageScopeFilter({ folders: [], tags: [], audience: [] })).toBeUndefined();
    expect(pageScopeFilter({ folders: ['./'] })).toBeUndefined();
  });

  it('matches a folder as a path prefix only, however the folder is written', () => {
    for (const folder of ['ed', 'ed/', '/ed', './ed', 'ed\\']) {
      const inScope = pageScopeFilter({ folders: [folder] });
      expect(inScope?.(chunk('ed/triage.md'))).toBe(true);
      expect(inScope?.(chunk('ed/sub/deep.md'))).toBe(true);
      expect(inScope?.(chunk('education/triage.md'))).toBe(false);
      expect(inScope?.(chunk('cardio/ed/triage.md'))).toBe(false);
    }
  });

  it('matches any folder OR any tag OR any audience, tags and audiences without case', () => {
    const inScope = pageScopeFilter({ folders: ['ed'], tags: ['Stat'], audience: ['clinicians'] });
    expect(inScope?.(chunk('ed/a.md'))).toBe(true);
    expect(inScope?.(chunk('cardio/a.md', ['stat']))).toBe(true);
    expect(inScope?.(chunk('cardio/a.md', [], ['Clinicians']))).toBe(true);
    expect(inScope?.(chunk('cardio/a.md', ['echo'], ['associates']))).toBe(false);
  });
});

describe('front matter audience', () => {
  it('reads one audience, a comma list or a YAML list as chunk metadata', () => {
    expect(loadMarkdown('---\naudience: clinicians\n---\n# A\n').audience).toEqual(['clinicians']);
    expect(loadMarkdown('---\naudience: clinicians, radiographers\n---\n# A\n').audience).toEqual([
      'clinicians',
      'radiographers',
    ]);
    expect(loadMarkdown('---\naudience: [clinicians, radiographers]\n---\n# A\n').audience).toEqual([
      'clinicians',
      'radiographers',
    ]);
    expect(loadMarkdown('# No front matter\n').audience).toBeUndefined();
  });
});

describe('a scoped search (real index)', () => {
  const dir = tempDir('kb-scope-');
  let kb: WatchableKnowledgeBase;
  const page = (path: string, text: string) => {
    mkdirSync(join(dir.path, path, '..'), { recursive: true });
    writeFileSync(join(dir.path, path), text);
  };

  beforeAll(async () => {
    page(
      'ed/trauma-images.md',
      '# Trauma images in the emergency department\n\n## Fix\n\nWhen trauma CT images are missing on the resus room monitor, reopen the trauma worklist and press refresh.\n',
    );
    page(
      'cardio/echo-export.md',
      '# Exporting echocardiography loops\n\n## Fix\n\nTo export echocardiography loops from the ultrasound cart, choose DICOM export and pick the cardiology archive.\n',
    );
    page(
      'shared/audience-page.md',
      '---\naudience: [cardiologists]\ntags: [holter]\n---\n# Holter monitor uploads\n\n## Fix\n\nHolter monitor recordings upload overnight to the cardiology archive; check the upload station log.\n',
    );
    kb = await createKnowledgeBase({ dir: dir.path });
  });
  afterAll(async () => {
    await kb.close();
    dir.remove();
  });

  it('answers from pages in scope and abstains on a question only a page outside it answers', async () => {
    const question = 'how do I export echocardiography loops from the ultrasound cart';
    const whole = await kb.search(question);
    expect(whole.answerable).toBe(true);
    expect(whole.results[0]?.chunk.source).toBe('cardio/echo-export.md');

    const ed = await kb.search(question, { scope: { folders: ['ed'] } });
    expect(ed.results.every((r) => r.chunk.source.startsWith('ed/'))).toBe(true);
    expect(ed.answerable).toBe(false);

    const inEd = await kb.search('trauma CT images missing on the resus room monitor', { scope: { folders: ['ed'] } });
    expect(inEd.answerable).toBe(true);
    expect(inEd.results[0]?.chunk.source).toBe('ed/trauma-images.md');
  });

  it('scopes by audience and by tag from front matter', async () => {
    const question = 'holter monitor recordings upload station';
    const byAudience = await kb.search(question, { scope: { audience: ['Cardiologists'] } });
    expect(byAudience.results.map((r) => r.chunk.source)).toEqual(['shared/audience-page.md']);
    const byTag = await kb.search(question, { scope: { tags: ['holter'] } });
    expect(byTag.results[0]?.chunk.source).toBe('shared/audience-page.md');
    const other = await kb.search(question, { scope: { audience: ['radiographers'] } });
    expect(other.results).toEqual([]);
    expect(other.answerable).toBe(false);
  });
});

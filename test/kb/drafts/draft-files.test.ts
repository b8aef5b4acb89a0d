import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanFiles } from '../../../src/kb/corpus/scan-files.js';
import { draftFromTicket } from '../../../src/kb/drafts/draft-article.js';
import {
  discardDraft,
  isSlug,
  listDrafts,
  publishDraft,
  readDraft,
  writeDraft,
} from '../../../src/kb/drafts/draft-files.js';
import { isSupported } from '../../../src/kb/ingest/load-document.js';
import { tempDir } from '../../helpers/temp-dir.js';

const dirs: { remove(): void }[] = [];
function kbDir(): string {
  const dir = tempDir('kb-drafts-');
  dirs.push(dir);
  return dir.path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

const ticket = {
  summary: 'Mrs Jones MRN 1234567: CT from outside not visible',
  description: 'Patient Jane Jones, DOB 01/02/1960, accession CT24-0099123 from St Elsewhere',
  category: 'prior_import',
};
const meta = { source: 'ticket PACS-12', draftedBy: 'U0ASSOC01', draftedAt: '2026-03-02T10:00:00.000Z' };

describe('drafts built from a ticket', () => {
  it('carry no patient identifiers in any field', () => {
    const draft = draftFromTicket(ticket, 'Re-imported it for MRN 1234567 (born 01/02/1960); ask for SMITH^JOHN.');
    const all = JSON.stringify(draft);
    for (const phi of ['1234567', 'Jones', '01/02/1960', 'CT24-0099123', 'SMITH']) expect(all).not.toContain(phi);
    expect(draft.title).toContain('CT from outside not visible');
    expect(draft.question).toContain('St Elsewhere');
    expect(draft.tags).toEqual(['prior-import']);
  });
});

describe('draft files', () => {
  it('are written with front matter under drafts/, never over one another', async () => {
    const dir = kbDir();
    const draft = draftFromTicket(ticket, 'Import the CD through the import station, then re-send.');
    const first = await writeDraft(dir, draft, meta);
    const second = await writeDraft(dir, draft, meta);
    expect(first).toBe('ct-from-outside-not-visible');
    expect(second).toBe('ct-from-outside-not-visible-2');
    const text = readFileSync(join(dir, 'drafts', `${first}.md`), 'utf8');
    expect(text).toMatch(/^---\ntitle: .*CT from outside not visible/);
    expect(text).toContain('source: ticket PACS-12');
    expect(text).toContain('drafted_by: U0ASSOC01');
    expect(text).toContain('drafted_at: 2026-03-02T10:00:00.000Z');
    expect(text).toMatch(/question: /);
    expect(text).toContain('## Answer\n\nImport the CD through the import station, then re-send.');
    expect((await listDrafts(dir)).map((d) => d.slug)).toEqual([first, second]);
    expect(await readDraft(dir, first)).toMatchObject({ draftedBy: 'U0ASSOC01', tags: ['prior-import'] });
  });

  it('publish into answers/ without the draft-only keys, and never over an existing page', async () => {
    const dir = kbDir();
    const slug = await writeDraft(dir, draftFromTicket(ticket, 'Import the CD, then re-send it.'), meta);
    mkdirSync(join(dir, 'answers'));
    writeFileSync(join(dir, 'answers', `${slug}.md`), '# Someone else\n');
    const source = await publishDraft(dir, slug);
    expect(source).toBe(`answers/${slug}-2.md`);
    expect(readFileSync(join(dir, 'answers', `${slug}.md`), 'utf8')).toBe('# Someone else\n');
    const page = readFileSync(join(dir, source ?? ''), 'utf8');
    expect(page).toContain('source: ticket PACS-12');
    expect(page).not.toMatch(/drafted_by|drafted_at|^question:/m);
    expect(page).toContain('## Answer\n\nImport the CD, then re-send it.');
    expect(existsSync(join(dir, 'drafts', `${slug}.md`))).toBe(false);
    expect(await publishDraft(dir, slug)).toBeUndefined();
  });

  it('are discarded once; a slug that is a path reaches no file', async () => {
    const dir = kbDir();
    const slug = await writeDraft(dir, draftFromTicket(ticket, 'Import the CD, then re-send it.'), meta);
    expect(await discardDraft(dir, slug)).toBe(true);
    expect(await discardDraft(dir, slug)).toBe(false);
    writeFileSync(join(dir, 'keep.md'), '# Keep\n');
    for (const forged of ['../keep', '..', 'a/b', 'Keep']) {
      expect(isSlug(forged)).toBe(false);
      expect(await discardDraft(join(dir, 'drafts'), forged)).toBe(false);
    }
    expect(existsSync(join(dir, 'keep.md'))).toBe(true);
  });

  it('are never indexed, whatever the exclude globs say', async () => {
    const dir = kbDir();
    await writeDraft(dir, draftFromTicket(ticket, 'Import the CD, then re-send it.'), meta);
    writeFileSync(join(dir, 'page.md'), '# Page\n');
    mkdirSync(join(dir, 'viewer', 'drafts'), { recursive: true });
    writeFileSync(join(dir, 'viewer', 'drafts', 'kept.md'), '# Kept\n');
    expect((await scanFiles(dir, [])).map((f) => f.source)).toEqual(['page.md', 'viewer/drafts/kept.md']);
    expect(isSupported('drafts/x.md')).toBe(false);
    expect(isSupported('answers/x.md')).toBe(true);
  });
});

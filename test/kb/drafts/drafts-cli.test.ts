import { afterAll, describe, expect, it } from 'vitest';
import { draftFromTicket } from '../../../src/kb/drafts/draft-article.js';
import { writeDraft } from '../../../src/kb/drafts/draft-files.js';
import { runKbDrafts } from '../../../src/kb/drafts/drafts-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const kb = tempDir('kb-drafts-cli-');
const data = tempDir('kb-drafts-cli-data-');
afterAll(() => {
  kb.remove();
  data.remove();
});

async function run(json: boolean): Promise<string> {
  let out = '';
  const io = {
    stdout: (t: string) => {
      out += t;
    },
    stderr: () => {},
    env: { DATA_DIR: data.path },
    cwd: data.path,
  };
  expect(await runKbDrafts(io, { json, kbDir: kb.path })).toBe(0);
  return out;
}

describe('pacs-desk kb drafts', () => {
  it('lists the drafts waiting for a KB owner, as a table and as JSON', async () => {
    expect(await run(false)).toBe('No drafts waiting for a KB owner.\n');
    expect(JSON.parse(await run(true))).toEqual([]);
    const ticket = { summary: 'Viewer freezes on MR for MRN 7654321', description: '', category: 'viewer_access' };
    const slug = await writeDraft(kb.path, draftFromTicket(ticket, 'Clear the viewer cache, then reopen the study.'), {
      source: 'ticket PACS-7',
      draftedBy: 'U0ASSOC01',
      draftedAt: '2026-03-02T10:00:00.000Z',
    });
    const rows = JSON.parse(await run(true)) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        slug,
        path: `drafts/${slug}.md`,
        title: 'Viewer freezes on MR for',
        tags: ['viewer-access'],
        question: 'Viewer freezes on MR for MRN [MRN]',
        source: 'ticket PACS-7',
        draftedBy: 'U0ASSOC01',
        draftedAt: '2026-03-02T10:00:00.000Z',
      },
    ]);
    const table = await run(false);
    expect(table).toContain('2026-03-02 10:00');
    expect(table).toContain(`(${slug})`);
    expect(table).not.toContain('7654321');
  });
});

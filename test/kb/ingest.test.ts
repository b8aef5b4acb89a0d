import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/kb/index.js';
import { parseFrontMatter } from '../../src/kb/ingest/front-matter.js';
import { htmlToMarkdown, loadHtml } from '../../src/kb/ingest/html.js';
import { loadDocument } from '../../src/kb/ingest/load-document.js';
import { loadMarkdown } from '../../src/kb/ingest/markdown.js';
import { makeDocx, makePdf, tempDir } from './fixtures.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('front matter', () => {
  it('reads title, tags, owner, audience and url, and strips the block', () => {
    const { data, body } = parseFrontMatter(
      '---\ntitle: Pulling priors\ntags: [qr, priors]\nowner: pacs-team\naudience: clinicians\nurl: https://wiki/x\n---\n# Body\n',
    );
    expect(data).toEqual({
      title: 'Pulling priors',
      tags: ['qr', 'priors'],
      owner: 'pacs-team',
      audience: 'clinicians',
      url: 'https://wiki/x',
    });
    expect(body).toBe('# Body\n');
  });

  it('accepts comma-separated tags and ignores invalid YAML without failing', () => {
    expect(parseFrontMatter('---\ntags: a, b\n---\nx').data.tags).toEqual(['a', 'b']);
    expect(parseFrontMatter('---\ntitle: [unclosed\n---\nbody').body).toBe('body');
  });

  it('leaves a document without front matter untouched', () => {
    expect(parseFrontMatter('# Title\n---\ntext')).toEqual({ data: { tags: [] }, body: '# Title\n---\ntext' });
  });
});

describe('loaders', () => {
  it('loads Markdown with front matter and CRLF line endings', () => {
    const doc = loadMarkdown('---\r\ntitle: Ports\r\n---\r\n# H\r\nUse 104\r\n');
    expect(doc).toMatchObject({ title: 'Ports', markdown: '# H\nUse 104\n', structured: true });
  });

  it('turns HTML headings, lists and tables into Markdown and drops scripts, styles and nav', () => {
    const { markdown, title } = htmlToMarkdown(
      '<html><head><title>Viewer</title><style>p{}</style></head><body><nav>Home | Menu</nav><h1>Viewer</h1>' +
        '<p>Opens <b>fast</b>.</p><h2>Ports</h2><ul><li>104</li><li>4242</li></ul>' +
        '<table><tr><th>AE</th><th>Port</th></tr><tr><td>CT1</td><td>104</td></tr></table><script>alert(1)</script></body></html>',
    );
    expect(title).toBe('Viewer');
    expect(markdown).toBe('# Viewer\n\nOpens fast.\n\n## Ports\n\n- 104\n- 4242\n\nAE | Port\nCT1 | 104');
    expect(markdown).not.toMatch(/alert|Menu|p\{\}/);
  });

  it('uses front matter before the HTML title', () => {
    expect(loadHtml('---\ntitle: From FM\n---\n<title>From HTML</title><h1>x</h1>').title).toBe('From FM');
  });

  it('loads a .docx with its headings preserved', async () => {
    const docx = makeDocx([
      ['Heading1', 'Downtime runbook'],
      ['Heading2', 'Before the outage'],
      ['', 'Print the worklist for every room.'],
    ]);
    const doc = await loadDocument('runbook.docx', docx);
    expect(doc.markdown).toBe('# Downtime runbook\n\n## Before the outage\n\nPrint the worklist for every room.');
  });

  it('extracts PDF text and title, and marks it unstructured', async () => {
    const doc = await loadDocument(
      'fax.pdf',
      makePdf(['Outside images arrive by CD.', 'Call the film library.'], 'CD import'),
    );
    expect(doc.structured).toBe(false);
    expect(doc.title).toBe('CD import');
    expect(doc.markdown).toContain('Outside images arrive by CD.');
    expect(doc.markdown).toContain('Call the film library.');
  });

  it('records corrupt files as failures and indexes the rest', async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    await writeFile(join(tmp.dir, 'broken.pdf'), 'not a pdf at all');
    await writeFile(join(tmp.dir, 'broken.docx'), 'not a zip');
    await writeFile(join(tmp.dir, 'ok.txt'), 'The film library imports CDs.');
    await writeFile(join(tmp.dir, 'README.md'), 'excluded by default');
    const kb = await createKnowledgeBase({ dir: tmp.dir });
    const stats = kb.stats();
    expect(stats.documents).toBe(1);
    expect(stats.failures.map((f) => f.source).sort()).toEqual(['broken.docx', 'broken.pdf']);
    expect(stats.failures.every((f) => f.reason.length > 0)).toBe(true);
    await kb.close();
  });
});

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshCorpus } from '../../../src/kb/corpus/refresh-corpus.js';
import { scanFiles } from '../../../src/kb/corpus/scan-files.js';
import { rank } from '../../../src/kb/search/rank.js';
import { buildSnapshot, type IndexSnapshot } from '../../../src/kb/snapshot.js';

const STARTER_KB = fileURLToPath(new URL('../../../knowledge', import.meta.url));

let snapshot: IndexSnapshot;
beforeAll(async () => {
  snapshot = buildSnapshot((await refreshCorpus(new Map(), await scanFiles(STARTER_KB))).documents);
});

describe('expansions of a word the KB never uses (starter KB)', () => {
  it('weigh as typed words: "partial" stands in for "half"', () => {
    const ranking = rank(snapshot.index, snapshot.sources, 'only half the series arrived from mri', 20);
    expect(ranking.queryTerms.find((t) => t.term === 'partial')?.weight).toBe(1);
    // "seri" is a KB word: its expansions keep their lighter weight.
    expect(ranking.queryTerms.find((t) => t.term === 'imag')?.weight).toBeLessThan(1);
  });

  it('bring the section that names the concept into its page’s top passages', () => {
    const ranking = rank(snapshot.index, snapshot.sources, 'only half the series arrived from mri', 20);
    const page = ranking.hits.filter((h) => snapshot.sources[h.doc] === 'studies/study-sent-but-missing.md');
    const headings = page.slice(0, 3).map((h) => snapshot.chunks[h.doc]?.heading);
    expect(headings).toContain('Partial studies');
  });
});

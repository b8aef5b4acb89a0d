import { describe, expect, it } from 'vitest';
import type { PageFields } from '../../../src/kb/search/page-fields.js';
import { type PageEvidence, rankPages } from '../../../src/kb/search/page-rank.js';
import type { RankedHit } from '../../../src/kb/search/rank.js';

const hit = (doc: number, score: number): RankedHit => ({ doc, score, pageScore: score, coverage: 0 });
const pagesOf = (hits: RankedHit[], sources: string[]) => [...new Set(hits.map((h) => sources[h.doc]))];

function evidence(fields: Record<number, Partial<Record<keyof PageFields, string[]>>>): PageEvidence {
  return {
    idfs: new Map([
      ['black', 2],
      ['screen', 2],
    ]),
    expansions: [],
    fields: (doc) => ({ title: new Set(fields[doc]?.title ?? []), headings: new Set(fields[doc]?.headings ?? []) }),
  };
}

describe('rankPages', () => {
  it('does not let many weaker passages of a long page outweigh one better passage of a short page', () => {
    const sources = ['long.md', 'long.md', 'long.md', 'long.md', 'short.md'];
    // The old rule (best + 0.9 × each of the next two) gave the long page 25.2 against 12.
    const hits = [hit(0, 9), hit(1, 9), hit(2, 9), hit(3, 9), hit(4, 12)];
    expect(pagesOf(rankPages(hits, sources), sources)).toEqual(['short.md', 'long.md']);
  });

  it('lets a second good passage decide between pages whose best passages tie', () => {
    const sources = ['one.md', 'two.md', 'two.md'];
    expect(pagesOf(rankPages([hit(0, 10), hit(1, 10), hit(2, 6)], sources), sources)).toEqual(['two.md', 'one.md']);
  });

  it('prefers the page whose title names the question, with passages of equal strength', () => {
    const sources = ['a.md', 'b.md'];
    const fields = evidence({ 1: { title: ['black', 'screen'] } });
    expect(pagesOf(rankPages([hit(0, 10), hit(1, 10)], sources, fields), sources)).toEqual(['b.md', 'a.md']);
  });

  it('ranks a page its title calls legacy below a current one', () => {
    const sources = ['old.md', 'new.md'];
    const fields = evidence({ 0: { title: ['black', 'screen', 'legaci'] }, 1: { title: ['black', 'screen'] } });
    expect(pagesOf(rankPages([hit(0, 10.5), hit(1, 10)], sources, fields), sources)).toEqual(['new.md', 'old.md']);
  });

  it('groups passages by page, best page first, each page carrying its page score', () => {
    const sources = ['a.md', 'b.md', 'a.md'];
    const ranked = rankPages([hit(0, 5), hit(1, 8), hit(2, 4)], sources);
    expect(ranked.map((h) => h.doc)).toEqual([1, 0, 2]);
    expect(ranked[1]?.pageScore).toBe(ranked[2]?.pageScore);
  });
});

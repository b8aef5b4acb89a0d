import { describe, expect, it } from 'vitest';
import { expandQuery } from '../../../src/kb/search/expand-query.js';
import { RELATED, relatedTerms, relatedTermsReady } from '../../../src/kb/search/related-terms.js';
import type { KbChunk } from '../../../src/kb/types.js';

function chunk(source: string, title: string, headingPath: string[], tags: string[] = []): KbChunk {
  return {
    id: `${source}#x`,
    source,
    title,
    heading: headingPath.at(-1) ?? '',
    headingPath,
    anchor: 'x',
    text: '',
    tags,
  };
}

// Labels of an invented KB: "tomography" and "gantry" keep sharing headings; "printer" sits with "tomography" once.
const CHUNKS: KbChunk[] = [
  chunk('a.md', 'Tomography gantry faults', ['Tomography gantry faults', 'Gantry error on the tomography unit']),
  chunk('b.md', 'Tomography service', ['Tomography service', 'Gantry tomography calibration']),
  chunk('c.md', 'Printer jams', ['Printer jams', 'Tomography printer tray']),
  ...Array.from({ length: 60 }, (_, i) =>
    chunk(`filler${i}.md`, `Filler page ${i}`, [`Filler page ${i}`, `Topic ${i} words`]),
  ),
];

describe('relatedTerms', () => {
  it('learns words that keep sharing the KB labels of a typed word, at a low weight', async () => {
    await relatedTermsReady(CHUNKS);
    const learned = relatedTerms(CHUNKS, expandQuery('tomography is down'));
    const gantry = learned.find((t) => t.term === 'gantri');
    expect(gantry?.original).toBe(false);
    expect(gantry?.weight).toBeGreaterThan(0);
    expect(gantry?.weight).toBeLessThanOrEqual(RELATED.weight);
  });

  it('does not learn from a single shared label, nor credit typed words for confidence', async () => {
    await relatedTermsReady(CHUNKS);
    const learned = relatedTerms(CHUNKS, expandQuery('tomography is down'));
    expect(learned.map((t) => t.term)).not.toContain('printer');
    expect(learned.every((t) => t.from === undefined)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BM25F, bestFirst, idf, scoreBm25f } from '../../src/kb/search/bm25f.js';
import { buildLexicalIndex, buildPackedIndex } from '../../src/kb/search/build-packed-index.js';
import type { QueryTerm } from '../../src/kb/search/expand-query.js';
import { type AnalyzedChunk, documentFrequency, FIELDS } from '../../src/kb/search/lexical-index.js';
import { createDictionary, packChunks } from '../../src/kb/search/packed-terms.js';
import { proximityBonus } from '../../src/kb/search/proximity.js';

/** BM25F written the obvious way, over strings: what the packed index must reproduce. */
function referenceScores(chunks: readonly AnalyzedChunk[], terms: readonly QueryTerm[]): number[] {
  const averages = FIELDS.map((f) => Math.max(1, chunks.reduce((n, c) => n + c[f].length, 0) / chunks.length));
  return chunks.map((chunk) => {
    let score = 0;
    for (const { term, weight } of terms) {
      const df = chunks.filter((c) => FIELDS.some((f) => c[f].includes(term))).length;
      if (df === 0) continue;
      let tf = 0;
      FIELDS.forEach((f, i) => {
        const count = chunk[f].filter((t) => t === term).length;
        const b = BM25F.b[i] as number;
        if (count > 0) tf += ((BM25F.weights[i] as number) * count) / (1 - b + (b * chunk[f].length) / averages[i]!);
      });
      if (tf === 0) continue;
      const termIdf = Math.log(1 + (chunks.length - df + 0.5) / (df + 0.5));
      score += (weight * termIdf * tf * (BM25F.k1 + 1)) / (BM25F.k1 + tf);
    }
    return score;
  });
}

/** Smallest body distance between two terms in a chunk, by scanning the strings. */
function referenceDistance(body: readonly string[], a: string, b: string): number {
  let best = Number.POSITIVE_INFINITY;
  body.forEach((x, i) => {
    if (x !== a) return;
    body.forEach((y, j) => {
      if (y === b) best = Math.min(best, Math.abs(i - j));
    });
  });
  return best;
}

// A small vocabulary so that terms repeat within and across chunks.
const word = fc.constantFrom<string>('dicom', 'port', 'orthanc', 'viewer', 'study', 'cmove', 'aet', 'pacs', 'login');
const chunk = fc.record({
  title: fc.array(word, { maxLength: 4 }),
  heading: fc.array(word, { maxLength: 3 }),
  body: fc.array(word, { maxLength: 30 }),
});
const corpus = fc.array(chunk, { minLength: 1, maxLength: 12 });
const query = fc.uniqueArray(
  fc.record({ term: fc.oneof(word, fc.constant('absent')), weight: fc.constantFrom(1, 0.5), original: fc.boolean() }),
  { selector: (t) => t.term, minLength: 1, maxLength: 5 },
);

describe('packed postings', () => {
  it('give the same BM25F scores, document frequencies and matches as a reference implementation over strings', () => {
    fc.assert(
      fc.property(corpus, query, (chunks, terms) => {
        const index = buildLexicalIndex(chunks);
        const expected = referenceScores(chunks, terms);
        const scores = scoreBm25f(index, terms);
        expected.forEach((value, doc) => {
          expect(scores.score[doc]).toBeCloseTo(value, 9);
        });
        expect(new Set(scores.touched)).toEqual(new Set(expected.flatMap((v, doc) => (v > 0 ? [doc] : []))));
        for (const { term } of terms)
          expect(documentFrequency(index, term)).toBe(
            chunks.filter((c) => FIELDS.some((f) => c[f].includes(term))).length,
          );
      }),
    );
  });

  it('give the proximity bonus of the body positions found by scanning the text', () => {
    fc.assert(
      fc.property(corpus, word, word, (chunks, a, b) => {
        fc.pre(a !== b);
        const index = buildLexicalIndex(chunks);
        const terms = [a, b].map((term) => ({ term, weight: 1, original: true }));
        const { postings } = scoreBm25f(index, terms);
        const idfs = new Map([a, b].map((t) => [t, idf(index, documentFrequency(index, t))]));
        chunks.forEach((c, doc) => {
          const distance = referenceDistance(c.body, a, b);
          const bonus = proximityBonus([a, b], postings, idfs, doc);
          if (distance > 8) expect(bonus).toBe(0);
          else expect(bonus).toBeGreaterThan(0);
          if (distance <= 1) expect(bonus).toBeCloseTo(Math.min(idfs.get(a)!, idfs.get(b)!), 9);
        });
      }),
    );
  });

  it('score documents packed one at a time (one shared dictionary, or two) like one index of all chunks', () => {
    fc.assert(
      fc.property(fc.array(corpus, { minLength: 1, maxLength: 4 }), query, (documents, terms) => {
        const whole = scoreBm25f(buildLexicalIndex(documents.flat()), terms);
        const shared = createDictionary();
        const packed = documents.map((chunks, i) => packChunks(i === 1 ? createDictionary() : shared, chunks));
        const parts = scoreBm25f(buildPackedIndex(packed), terms);
        expect([...parts.score]).toEqual([...whole.score]);
        expect(parts.touched).toEqual(whole.touched);
      }),
    );
  });

  it('keep the ids of a term the dictionary gained after the build out of the index', () => {
    const dictionary = createDictionary();
    const index = buildPackedIndex([packChunks(dictionary, [{ title: ['port'], heading: [], body: ['dicom'] }])]);
    packChunks(dictionary, [{ title: ['later'], heading: [], body: [] }]);
    expect(documentFrequency(index, 'later')).toBe(0);
    expect(scoreBm25f(index, [{ term: 'later', weight: 1, original: true }]).touched).toEqual([]);
  });
});

describe('bestFirst', () => {
  it('keeps the best chunks by score, best first, ties in their first-match order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (values, depth) => {
          const score = Float64Array.from(values);
          const touched = values.map((_, doc) => doc).reverse();
          const expected = [...touched].sort((a, b) => score[b]! - score[a]!).slice(0, depth);
          expect(bestFirst(score, touched, depth)).toEqual(expected);
        },
      ),
    );
  });
});

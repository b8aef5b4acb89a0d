import { describe, expect, it } from 'vitest';
import { diversify } from '../../../src/kb/search/diversify.js';

describe('diversify', () => {
  const sources = ['long', 'long', 'long', 'long', 'short', 'other'];
  const order: [number, number][] = [
    [0, 10],
    [1, 9],
    [2, 9],
    [3, 8],
    [4, 7],
    [5, 6],
  ];

  it('lets a page show at most two passages before every other page had its turn', () => {
    expect(diversify(order, sources, 6).map(([doc]) => doc)).toEqual([0, 1, 4, 5, 2, 3]);
  });

  it('keeps pages in the order of their first passage and honours the limit', () => {
    expect(diversify(order, sources, 3).map(([doc]) => sources[doc])).toEqual(['long', 'long', 'short']);
  });

  it('never lets a score rise down the list', () => {
    const scores = diversify(order, sources, 6).map(([, score]) => score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

import { describe, expect, it } from 'vitest';
import { groupQuestions, topicLabel, topicTerms } from '../../../src/knowledge-loop/group-questions.js';
import { isoWeek, rangeSince } from '../../../src/knowledge-loop/time-range.js';

const same = (q: string) => q;

describe('grouping gap questions by topic', () => {
  it('puts paraphrases of one missing topic together and an unrelated question apart', () => {
    const groups = groupQuestions(
      [
        'how do I renew my staff parking permit?',
        'what is the cafeteria menu for friday',
        'where do I apply for a parking permit renewal',
        'parking permits: who renews them?',
      ],
      same,
    );
    expect(groups).toEqual([
      [
        'how do I renew my staff parking permit?',
        'where do I apply for a parking permit renewal',
        'parking permits: who renews them?',
      ],
      ['what is the cafeteria menu for friday'],
    ]);
  });

  it('does not join questions on one shared word, nor on patient identifier placeholders', () => {
    const groups = groupQuestions(
      ['viewer crashes when opening MRN [MRN]', 'viewer licence renewal for MRN [MRN]', 'cafeteria opening hours'],
      same,
    );
    expect(groups).toHaveLength(3);
    expect(topicTerms('images missing for MRN [MRN] and [NAME]')).toEqual(['imag', 'miss']);
  });

  it('labels a group with its most frequent content words, as written', () => {
    expect(
      topicLabel(['how do I renew my staff parking permit?', 'where do I apply for a parking permit renewal']),
    ).toBe('parking permit renew');
    expect(topicLabel(['???'])).toBe('other');
  });
});

describe('date ranges and ISO weeks', () => {
  const now = Date.parse('2026-12-02T16:00:00Z');

  it('defaults to the last 30 days, takes YYYY-MM-DD and rejects anything else', () => {
    expect(rangeSince(undefined, now)).toEqual({
      since: '2026-11-02T16:00:00.000Z',
      until: '2026-12-02T16:00:00.000Z',
    });
    expect(rangeSince('2026-11-15', now)?.since).toBe('2026-11-15T00:00:00.000Z');
    expect(rangeSince('2026-02-30', now)).toBeUndefined();
    expect(rangeSince('15/11/2026', now)).toBeUndefined();
  });

  it('numbers weeks the ISO way across year ends', () => {
    expect(isoWeek('2026-11-30T09:00:00Z')).toBe('2026-W49');
    expect(isoWeek('2026-12-06T23:59:00Z')).toBe('2026-W49');
    expect(isoWeek('2027-01-01T00:00:00Z')).toBe('2026-W53');
    expect(isoWeek('2024-12-30T00:00:00Z')).toBe('2025-W01');
  });
});

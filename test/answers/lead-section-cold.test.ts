import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from '../../src/answers/extractive.js';
import { chooseLead } from '../../src/answers/lead-section.js';
import { missingTerms, stem } from '../../src/answers/question-terms.js';
import type { KbChunk, SearchResult } from '../../src/kb/types.js';

/** Invented pages (not any KB's wording), built the way the chunker builds them. */
function pageOf(source: string, title: string, sections: [string[], string][]): KbChunk[] {
  return sections.map(([path, text]) => {
    const heading = path[path.length - 1] ?? '';
    const anchor = heading.toLowerCase().replace(/\W+/g, '-');
    return { id: `${source}#${anchor}`, source, title, heading, headingPath: [title, ...path], anchor, text, tags: [] };
  });
}
const hit = (chunk: KbChunk | undefined, score: number): SearchResult => ({ chunk: chunk as KbChunk, score });

const parcels = pageOf('parcels.md', 'Parcels and labels out of step', [
  [['There is a label but no parcel'], 'The label printed but the parcel never reached the dock.'],
  [['There is a label but no parcel', 'Why the parcel is missing'], 'This happens when the parcel is held at packing.'],
  [
    ['There is a label but no parcel', 'Finding the missing parcel'],
    '1. Search the dock log.\n2. Call packing on x4100.',
  ],
  [['There is a parcel but no label'], 'A parcel arrived at the dock with no label on it.'],
  [['There is a parcel but no label', 'Why the label is missing'], 'This happens because the printer jammed.'],
  [['There is a parcel but no label', 'Tracking down the label'], '1. Check the print queue.\n2. Reprint the label.'],
]);

describe('stem', () => {
  it('folds the doer onto the deed in long words, leaving short ones alone', () => {
    expect(stem('starters')).toBe(stem('starting'));
    expect(stem('printer')).toBe(stem('printing'));
    expect(stem('header')).not.toBe(stem('head'));
  });
});

describe('missing terms', () => {
  it('reads what is absent, whichever side of the noun the word sits', () => {
    expect(missingTerms('got the label but no parcel')).toEqual(['parcel']);
    expect(missingTerms('parcel there, label missing')).toEqual(['label']);
    expect(missingTerms('the parcels are not showing')).toEqual(['parcel']);
    expect(missingTerms('how do i reprint a label')).toEqual([]);
  });
});

describe('chooseLead on opposite problems of one page', () => {
  const pages = (source: string) => (source === 'parcels.md' ? parcels : []);

  it('leads with the way out for the thing the question says is missing, not its mirror image', () => {
    // The ranker put the mirror problem's cause first: both share every word of the question.
    const results = [hit(parcels[4], 9), hit(parcels[5], 9), hit(parcels[2], 7)];
    expect(chooseLead('theres a label but no parcel', results, pages)?.lead.chunk.heading).toBe(
      'Finding the missing parcel',
    );
    const mirrored = [hit(parcels[2], 9), hit(parcels[1], 9)];
    expect(chooseLead('parcel arrived but label missing', mirrored, pages)?.lead.chunk.heading).toBe(
      'Tracking down the label',
    );
  });
});

describe('chooseLead among the best page’s own passages', () => {
  const kiosk = pageOf('kiosk.md', 'Check-in kiosk basics', [
    [
      ['Kiosk services'],
      '| Service | What it does |\n| --- | --- |\n| PING | tests the link |\n| SYNC | copies data |',
    ],
    [['Running a PING'], '1. Open the admin menu.\n2. Choose **Test link**.\n3. Read the result.'],
    [['What a kiosk is'], 'A kiosk is a self-service terminal in the waiting room.'],
  ]);
  const pages = (source: string) => (source === 'kiosk.md' ? kiosk : []);

  it('takes a tied passage whose heading names what was asked', () => {
    const results = [hit(kiosk[0], 20), hit(kiosk[1], 20)];
    const choice = chooseLead('how do i do a ping', results, pages);
    expect(choice?.lead.chunk.heading).toBe('Running a PING');
  });

  it('keeps the best passage when no other heading names more of the question', () => {
    const results = [hit(kiosk[1], 20), hit(kiosk[0], 20)];
    expect(chooseLead('how do i run a ping test', results, pages)?.lead.chunk.heading).toBe('Running a PING');
  });
});

describe('chooseLead for concept questions asked in passing', () => {
  const holds = pageOf('holds.md', 'Held orders - release and cancel requests', [
    [[], 'Held orders block the line. Release and cancel requests go to the desk.'],
    [['Signs an order is held'], '- The order shows a lock\n- The order never ships'],
    [
      ['Release, cancel, split: what each means'],
      '| Request | When |\n| --- | --- |\n| **Release** | ok |\n| **Cancel** | not |',
    ],
    [['What the desk does'], '1. Check the hold.\n2. Release or cancel it in the admin tool.\n3. Note it.'],
  ]);
  const pages = (source: string) => (source === 'holds.md' ? holds : []);

  it('answers "what does that mean" at the end of a question with the definition', () => {
    const unverified = pageOf('tags.md', 'Untagged items', [
      [['Before you start'], '- Confirm the item with two checks.\n- Confirm the order.'],
      [['What an untagged item is'], 'An untagged item is one that arrived without a tag, so it sits in a queue.'],
    ]);
    const results = [hit(unverified[0], 10), hit(unverified[1], 10)];
    const choice = chooseLead('untagged item what does that mean', results, () => unverified);
    expect(choice?.lead.chunk.heading).toBe('What an untagged item is');
  });

  it('answers a difference question with the section that defines both, not the page introduction', () => {
    const results = [hit(holds[3], 22), hit(holds[2], 22)];
    const choice = chooseLead('whats the difference between release and cancel', results, pages);
    expect(choice?.lead.chunk.heading).toBe('Release, cancel, split: what each means');
    // The table keeps its header row: a blank line between the bold heading and the table.
    const answer = buildExtractiveAnswer(results, choice);
    expect(answer.markdown).toMatch(/^\*\*Release, cancel, split: what each means\*\*\n\n\| Request/);
  });
});

describe('the Matched line', () => {
  const burner = pageOf('burner.md', 'Writing discs for patients', [
    [['Fixing a failed disc'], '1. Restart the writer.\n2. Load a blank disc.\n3. Write the disc again.'],
    [
      ['When to open a ticket'],
      'Phone the desk on x3300 if you need help.\n\n- The writer fails, or discs come out unreadable.\n- A request\n  has waited a week.',
    ],
  ]);
  const pages = () => burner;

  it('quotes the list item of a ticket section that names the problem, never the bare heading', () => {
    const choice = chooseLead('disc writer fails halfway', [hit(burner[1], 9)], pages);
    expect(choice?.lead.chunk.heading).toBe('Fixing a failed disc');
    expect(choice?.matched?.why).toBe('_Matched: “The writer fails, or discs come out unreadable.”_');
  });

  it('names the page when no whole item of a ticket section fits the question', () => {
    const wrapped = pageOf('burner.md', 'Writing discs for patients', [
      [['Fixing a failed disc'], '1. Restart the writer.\n2. Load a blank disc.\n3. Write the disc again.'],
      [['When to open a ticket'], 'Phone the desk on x3300.\n\n- A disc request that\n  failed and waited a week.'],
    ]);
    const choice = chooseLead('disc failed, request waited a week', [hit(wrapped[1], 9)], () => wrapped);
    expect(choice?.lead.chunk.heading).toBe('Fixing a failed disc');
    expect(choice?.matched?.why).toBe('_Matched: “Writing discs for patients”_');
  });
});

describe('chooseLead for a why-question', () => {
  const lamp = pageOf('lamp.md', 'Reading lamp stays dark', [
    [['Symptoms'], '- The lamp stays dark\n- The switch clicks but nothing lights\n- The lamp flickers then goes out'],
    [['Start here: is it the bulb?'], '1. Swap the bulb with one that works.\n2. Try the lamp again.'],
    [['Why the lamp stays dark'], 'The lamp stays dark because the fuse blew when the bulb failed.'],
  ]);

  it('moves from a list headed as symptoms to the way out, but keeps a cause section', () => {
    const fromSymptoms = chooseLead('why is the reading lamp dark', [hit(lamp[0], 9)], () => lamp);
    expect(fromSymptoms?.lead.chunk.heading).toBe('Start here: is it the bulb?');
    const fromCause = chooseLead('why does the lamp stay dark', [hit(lamp[2], 9)], () => lamp);
    expect(fromCause?.lead.chunk.heading).toBe('Why the lamp stays dark');
  });
});

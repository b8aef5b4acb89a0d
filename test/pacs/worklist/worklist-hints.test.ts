import { describe, expect, it } from 'vitest';
import { localDay, noItemHint, stationSummary, worklistHints } from '../../../src/pacs/worklist/worklist-hints.js';
import type { WorklistItem } from '../../../src/pacs/worklist/worklist-types.js';

// A fixed clock: 2026-12-01 10:00 local time.
const now = new Date(2026, 11, 1, 10, 0).getTime();
const today = localDay(() => now);

const item = (over: Partial<WorklistItem> = {}): WorklistItem => ({
  accession: 'WL0001',
  modality: 'CT',
  scheduledStationAet: 'CT3',
  scheduledStationName: 'CT SCANNER 3',
  scheduledStart: '2026-12-01T09:15',
  status: 'SCHEDULED',
  procedure: 'CT HEAD',
  patientId: 'SYN-PAT-101',
  patientName: 'TEST^ALICE',
  patientBirthDate: '1980-01-02',
  ...over,
});

describe('worklistHints', () => {
  it('reads today from the injected clock', () => {
    expect(today).toBe('2026-12-01');
    expect(localDay(new Date(2026, 11, 31, 23, 59).getTime())).toBe('2026-12-31');
  });

  it('says the order did not reach the worklist when there is no item', () => {
    expect(worklistHints([], { today })).toEqual([noItemHint]);
    expect(noItemHint).toMatch(/RIS order and the HL7 interface/);
  });

  it('has nothing to say about a SCHEDULED item for today on the asking station', () => {
    expect(worklistHints([item()], { today, stationAet: 'ct3', modality: 'ct' })).toEqual([]);
  });

  it('says booked for tomorrow, for a later day, and for a past day', () => {
    expect(worklistHints([item({ scheduledStart: '2026-12-02T08:00' })], { today })).toEqual([
      'booked for tomorrow (2026-12-02 at 08:00): scanners usually list only today’s work',
    ]);
    expect(worklistHints([item({ scheduledStart: '2026-12-09' })], { today })[0]).toMatch(/^booked for 2026-12-09:/);
    expect(worklistHints([item({ scheduledStart: '2026-11-30T16:00' })], { today })[0]).toMatch(
      /^booked for 2026-11-30 at 16:00, a day already past/,
    );
    expect(worklistHints([item({ scheduledStart: undefined })], { today })[0]).toMatch(/no scheduled date/);
  });

  it('crosses a month and a year end for "tomorrow"', () => {
    const hints = worklistHints([item({ scheduledStart: '2027-01-01T07:30' })], { today: '2026-12-31' });
    expect(hints[0]).toMatch(/^booked for tomorrow/);
  });

  it('names another station and another modality than the asking ones', () => {
    const hints = worklistHints([item({ scheduledStationAet: 'CT1', scheduledStationName: 'CT 1', modality: 'MR' })], {
      today,
      stationAet: 'ct3',
      modality: 'CT',
    });
    expect(hints).toEqual([
      expect.stringMatching(/^scheduled on station CT1 \(CT 1\), not CT3:/),
      expect.stringMatching(/^scheduled as MR, not CT:/),
    ]);
  });

  it.each([
    ['ARRIVED', /SCHEDULED only/],
    ['STARTED', /MPPS/],
    ['DEPARTED', /no longer available/],
    ['COMPLETED', /never list it/],
    ['DISCONTINUED', /stopped part way/],
    ['CANCELED', /cancelled in the RIS/],
  ])('explains a %s step', (status, text) => {
    expect(worklistHints([item({ status })], { today })).toEqual([expect.stringMatching(text)]);
  });

  it('has no status hint for READY', () => {
    expect(worklistHints([item({ status: 'READY' })], { today })).toEqual([]);
  });

  it('flags several items for one accession once, and keeps other hints', () => {
    const hints = worklistHints(
      [item({ scheduledStart: '2026-12-02T10:00' }), item({ scheduledStart: '2026-12-02T10:30' })],
      { today },
    );
    expect(hints[0]).toMatch(/^2 worklist items for one accession/);
    expect(hints.filter((h) => h.startsWith('booked for tomorrow'))).toHaveLength(2);
  });

  it('never repeats patient data', () => {
    const all = worklistHints(
      [item({ status: 'STARTED', scheduledStationAet: 'CT1' }), item({ scheduledStart: '2026-12-05' })],
      { today, stationAet: 'CT3', modality: 'MR' },
    ).join(' ');
    expect(all).not.toMatch(/SYN-PAT|ALICE|1980|WL0001/);
  });
});

describe('stationSummary', () => {
  it('counts the day and gives the latest start, without patient data', () => {
    const summary = stationSummary(
      [
        item({ scheduledStart: '2026-12-01T14:30' }),
        item({ scheduledStart: '2026-12-01T09:15' }),
        item({ scheduledStart: '2026-12-02T08:00' }),
      ],
      '2026-12-01',
    );
    expect(summary).toEqual({
      date: '2026-12-01',
      count: 2,
      latestStart: '14:30',
      text: '2 items on 2026-12-01, the latest at 14:30',
    });
  });

  it('says the whole worklist is empty', () => {
    const summary = stationSummary([item({ scheduledStart: '2026-12-02T08:00' })], '2026-12-01');
    expect(summary.count).toBe(0);
    expect(summary.latestStart).toBeUndefined();
    expect(summary.text).toMatch(/^the whole worklist is empty for 2026-12-01/);
  });

  it('counts items with a date but no time', () => {
    const summary = stationSummary([item({ scheduledStart: '2026-12-01' })], '2026-12-01');
    expect(summary).toMatchObject({ count: 1, text: '1 item on 2026-12-01' });
    expect(summary.latestStart).toBeUndefined();
  });
});

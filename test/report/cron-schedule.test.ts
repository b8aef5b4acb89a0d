import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextRun, parseCron } from '../../src/report/cron-schedule.js';

// Local-time arithmetic is checked in a zone with DST; Node reads TZ when a Date is first formatted.
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});
const inZone = (tz: string) => {
  process.env.TZ = tz;
};
const local = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

describe('cron next run', () => {
  it('finds the next Monday 08:00 (the default), strictly after the given time', () => {
    inZone('UTC');
    const s = parseCron('0 8 * * 1');
    expect(local(nextRun(s, new Date('2026-03-04T12:00:00Z')))).toBe('2026-03-09 08:00');
    expect(local(nextRun(s, new Date('2026-03-09T08:00:00Z')))).toBe('2026-03-16 08:00');
    expect(local(nextRun(s, new Date('2026-03-09T07:59:30Z')))).toBe('2026-03-09 08:00');
  });

  it('handles lists, ranges, steps, Sunday as 7, and the day-of-month OR day-of-week rule', () => {
    inZone('UTC');
    expect(local(nextRun(parseCron('*/15 9-17 * * 1-5'), new Date('2026-03-06T17:50:00Z')))).toBe('2026-03-09 09:00');
    expect(local(nextRun(parseCron('30 6 * * 7'), new Date('2026-03-04T00:00:00Z')))).toBe('2026-03-08 06:30');
    expect(local(nextRun(parseCron('0 0 1,15 * *'), new Date('2026-03-02T00:00:00Z')))).toBe('2026-03-15 00:00');
    // 1st of the month OR a Friday: Friday 6 March comes first.
    expect(local(nextRun(parseCron('0 7 1 * 5'), new Date('2026-03-02T00:00:00Z')))).toBe('2026-03-06 07:00');
    expect(local(nextRun(parseCron('0 0 29 2 *'), new Date('2026-03-01T00:00:00Z')))).toBe('2028-02-29 00:00');
  });

  it('is local time across DST: 08:00 stays 08:00, a skipped 02:30 is not run that night', () => {
    inZone('Europe/Berlin');
    const monday = nextRun(parseCron('0 8 * * 1'), new Date('2026-03-27T12:00:00Z'));
    expect(local(monday)).toBe('2026-03-30 08:00');
    expect(monday.toISOString()).toBe('2026-03-30T06:00:00.000Z'); // CEST, UTC+2 after the change
    const before = nextRun(parseCron('0 8 * * 1'), new Date('2026-03-20T12:00:00Z'));
    expect(before.toISOString()).toBe('2026-03-23T07:00:00.000Z'); // CET, UTC+1
    expect(local(nextRun(parseCron('30 2 * * *'), new Date('2026-03-28T12:00:00Z')))).toBe('2026-03-30 02:30');
    // 02:30 happens twice on 25 October; it runs once, at the first.
    const first = nextRun(parseCron('30 2 * * *'), new Date('2026-10-24T12:00:00Z'));
    expect(first.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(local(nextRun(parseCron('30 2 * * *'), first))).toBe('2026-10-26 02:30');
  });

  it('rejects values out of range and expressions with no time', () => {
    expect(() => parseCron('60 8 * * 1')).toThrow(/outside 0-59/);
    expect(() => parseCron('0 8 * *')).toThrow(/five fields/);
    expect(() => nextRun(parseCron('0 0 31 2 *'), new Date('2026-01-01T00:00:00Z'))).toThrow(/no time/);
  });

  it('does not depend on the fake clock being installed', () => {
    vi.useFakeTimers({ now: new Date('2026-03-04T12:00:00Z') });
    inZone('UTC');
    expect(local(nextRun(parseCron('0 8 * * 1'), new Date(Date.now())))).toBe('2026-03-09 08:00');
    vi.useRealTimers();
  });
});

import { describe, expect, it } from 'vitest';
import { calendarMs, parseStatusList, statusCounts } from '../../src/interfaces/mirth/mirth-shapes.js';
import { dashboardStatus } from './mirth-fixtures.js';

describe('Mirth JSON shapes (XStream quirks)', () => {
  it.each([
    ['an empty list as ""', { list: '' }],
    ['an empty list as null', { list: null }],
    ['no body', undefined],
  ])('reads %s as no channels', (_, body) => {
    expect(parseStatusList(body)).toEqual([]);
  });

  it('reads a one-entry statistics map (an object, not an array)', () => {
    const one = { entry: { 'com.mirth.connect.donkey.model.message.Status': 'ERROR', long: 4 } };
    expect(statusCounts(one)).toEqual({ ERROR: 4 });
  });

  it('falls back to the QUEUED statistic when the status has no queued field, and keeps unknown states visible', () => {
    const old = { ...dashboardStatus('x', 'Lab results', 'SYNCHRONIZING', { received: 1, sent: 0, error: 0 }) };
    delete (old as { queued?: number }).queued;
    old.statistics.entry.push({ 'com.mirth.connect.donkey.model.message.Status': 'QUEUED', long: 3 });
    expect(parseStatusList({ list: { dashboardStatus: old } })).toMatchObject([{ queued: 3, state: 'unknown' }]);
  });

  it('skips connector rows and rows without a channel id', () => {
    const connector = { ...dashboardStatus('y', 'Destination 1', 'STARTED', { received: 0, sent: 0, error: 0 }) };
    connector.statusType = 'DESTINATION_CONNECTOR';
    expect(parseStatusList({ list: { dashboardStatus: [connector, { name: 'no id' }] } })).toEqual([]);
  });

  it('reads a Calendar, epoch ms and ISO text', () => {
    expect(calendarMs({ time: 1733140800000, timezone: 'UTC' })).toBe(1733140800000);
    expect(calendarMs('1733140800000')).toBe(1733140800000);
    expect(calendarMs('2024-12-02T12:00:00Z')).toBe(1733140800000);
    expect(calendarMs({ timezone: 'UTC' })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../../src/pacs/checks/check-settings.js';
import { failureCause } from '../../../src/pacs/checks/failure-cause.js';
import { queueCheck, summariseQueue } from '../../../src/pacs/checks/queue.js';
import type { QueueTask, TaskState } from '../../../src/pacs/types.js';
import { fakeConnector, fakeContext, fastestMs, siteConfig, task } from './fakes.js';

const now = new Date('2026-11-29T12:00:00Z');
const refused =
  'DicomAssociation - connecting to AET "OFFLINE" at pacs-gw.example.org:104: TCP Initialization Error: Connection refused';

describe('failureCause', () => {
  it.each([
    [refused, 'refused'],
    ['connect ECONNREFUSED 10.0.0.5:104', 'refused'],
    ['DicomAssociation - connecting to AET "SLOW": DUL network read timeout', 'timeout'],
    ['Request timed out after 30s', 'timeout'],
    ['DicomAssociation - connecting to AET "WEB": Unrecognized PDU type: 48', 'wrong_protocol'],
    ['Unknown PDU type 0x47', 'wrong_protocol'],
    ['Association rejected by peer (calling AE title not recognized)', 'rejected'],
    ['Calling AE not authorized', 'rejected'],
    ['Association Abort received', 'rejected'],
    ['Disk full on 10.0.0.5', 'other'],
    [undefined, 'other'],
    ['', 'other'],
  ])('maps %j to %s', (text, cause) => {
    expect(failureCause(text)).toBe(cause);
  });
});

describe('summariseQueue', () => {
  const tasks: QueueTask[] = [
    task({ id: 'p1', state: 'pending', createdAt: '2026-11-29T11:50:00Z' }),
    task({ id: 'p2', state: 'pending', createdAt: '2026-11-29T09:00:00Z' }),
    task({ id: 'r1', state: 'running' }),
    task({ id: 'x1', state: 'paused' }),
    task({
      id: 'f1',
      state: 'failed',
      target: 'OFFLINE',
      queue: 'DicomModalityStore→OFFLINE',
      error: refused,
      updatedAt: '2026-11-29T11:00:00Z',
      attempts: 2,
    }),
    task({
      id: 'f2',
      state: 'failed',
      target: 'OFFLINE',
      queue: 'DicomModalityStore→OFFLINE',
      error: 'DUL network read timeout',
      updatedAt: '2026-11-29T11:30:00Z',
    }),
    task({ id: 'f-old', state: 'failed', target: 'OFFLINE', error: refused, updatedAt: '2026-11-27T11:00:00Z' }),
    task({
      id: 'e1',
      state: 'failed',
      target: undefined,
      queue: 'Export1',
      error: 'Unrecognized PDU type: 48',
      updatedAt: '2026-11-29T10:00:00Z',
    }),
    task({ id: 's1', state: 'succeeded' }),
    task({ id: 'c1', state: 'canceled' }),
  ];

  it('counts per state and per destination, most failures first', () => {
    const summary = summariseQueue('main', tasks, now, defaultCheckSettings);
    expect(summary.total).toBe(10);
    expect(summary.byState).toMatchObject({
      pending: 2,
      running: 1,
      paused: 1,
      failed: 4,
      succeeded: 1,
      canceled: 1,
      warning: 0,
    });
    expect(summary.destinations).toEqual([
      { destination: 'OFFLINE', pending: 0, running: 0, paused: 0, failed: 3 },
      { destination: 'Export1', pending: 0, running: 0, paused: 0, failed: 1 },
      { destination: 'STORESCP', pending: 2, running: 1, paused: 1, failed: 0 },
    ]);
    expect(summary.oldestPendingAgeMs).toBe(3 * 3_600_000);
  });

  it('lists failures of the last 24 h, newest first, with a cause and never the error text', () => {
    const summary = summariseQueue('main', tasks, now, defaultCheckSettings);
    expect(summary.recentFailures).toEqual([
      {
        id: 'f2',
        destination: 'OFFLINE',
        kind: 'DicomModalityStore',
        at: '2026-11-29T11:30:00.000Z',
        cause: 'timeout',
        causeLabel: 'timeout',
      },
      {
        id: 'f1',
        destination: 'OFFLINE',
        kind: 'DicomModalityStore',
        at: '2026-11-29T11:00:00.000Z',
        cause: 'refused',
        causeLabel: 'refused',
        attempts: 2,
      },
      {
        id: 'e1',
        destination: 'Export1',
        kind: 'DicomModalityStore',
        at: '2026-11-29T10:00:00.000Z',
        cause: 'wrong_protocol',
        causeLabel: 'wrong protocol',
      },
    ]);
    expect(JSON.stringify(summary)).not.toMatch(/pacs-gw|example\.org|Connection refused|DUL/);
  });

  it('keeps only the 10 newest failures', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      task({ id: `f${i}`, state: 'failed', updatedAt: new Date(now.getTime() - (i * 7 + 1) * 60_000).toISOString() }),
    );
    const shuffled = [...many].sort(
      (a, b) => ((a.id.length * 7 + a.id.charCodeAt(1)) % 5) - ((b.id.length * 7 + b.id.charCodeAt(1)) % 5),
    );
    const summary = summariseQueue('main', shuffled, now, defaultCheckSettings);
    expect(summary.recentFailures.map((f) => f.id)).toEqual(many.slice(0, 10).map((t) => t.id));
  });

  it('has no oldest-pending age when nothing is pending', () => {
    expect(summariseQueue('main', [], now, defaultCheckSettings)).toMatchObject({
      total: 0,
      destinations: [],
      recentFailures: [],
    });
    expect(summariseQueue('main', [], now, defaultCheckSettings)).not.toHaveProperty('oldestPendingAgeMs');
  });

  it('summarises 1,000 tasks well under 200 ms', () => {
    const states: TaskState[] = ['pending', 'running', 'failed', 'succeeded', 'paused'];
    const big = Array.from({ length: 1_000 }, (_, i) =>
      task({
        id: `t${i}`,
        state: states[i % states.length],
        target: `AE${i % 40}`,
        createdAt: new Date(now.getTime() - i * 60_000).toISOString(),
        updatedAt: new Date(now.getTime() - i * 30_000).toISOString(),
        error: i % 3 ? refused : 'DUL network read timeout',
      }),
    );
    expect(fastestMs(() => summariseQueue('main', big, now, defaultCheckSettings))).toBeLessThan(50);
    const summary = summariseQueue('main', big, now, defaultCheckSettings);
    expect(summary.byState.failed).toBe(200);
    expect(summary.destinations).toHaveLength(32); // 8 destinations only ever succeed
    expect(summary.recentFailures).toHaveLength(10);
  });

  it('runs as a check on the default site or a named one', async () => {
    const main = fakeConnector(siteConfig('main'), { tasks });
    const east = fakeConnector(siteConfig('east'), { tasks: [] });
    const ctx = fakeContext([main, east]);
    expect(await queueCheck.run(ctx, {})).toMatchObject({ site: 'main', total: 10 });
    expect(await queueCheck.run(ctx, { site: 'east' })).toMatchObject({ site: 'east', total: 0 });
    expect(queueCheck.parse('west', ctx)).toMatchObject({ ok: false, reason: 'unknown_site' });
  });
});

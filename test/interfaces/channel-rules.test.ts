import { describe, expect, it } from 'vitest';
import {
  type ChannelSnapshot,
  type ChannelThresholds,
  evaluateChannels,
  findingText,
} from '../../src/interfaces/channel-rules.js';
import type { ChannelStatus } from '../../src/interfaces/engine-types.js';

const T0 = Date.parse('2026-12-02T08:00:00Z');
const MIN = 60_000;
const t: ChannelThresholds = { erroredGrowth: 5, errorWindowMinutes: 60, silentMinutes: 30, forgetGoneMinutes: 120 };

const channel = (over: Partial<ChannelStatus> = {}): ChannelStatus => ({
  id: 'ch-1',
  name: 'ORM to RIS',
  state: 'started',
  received: 100,
  sent: 100,
  queued: 0,
  errored: 0,
  filtered: 0,
  ...over,
});

/** Runs passes one after another (each `[minutes after T0, channels]`) and returns the last pass's problems. */
function passes(...steps: Array<[number, ChannelStatus[]]>) {
  let snapshot: ChannelSnapshot | undefined;
  let last: ReturnType<typeof evaluateChannels> | undefined;
  for (const [minutes, statuses] of steps) {
    last = evaluateChannels('mirth', statuses, snapshot, T0 + minutes * MIN, t);
    snapshot = last.snapshot;
  }
  return last?.findings.map((f) => [f.key, f.problems]) ?? [];
}

describe('channel rules (fixed clock)', () => {
  const cases: Array<{ name: string; steps: Array<[number, ChannelStatus[]]>; expected: string[] }> = [
    { name: 'a started, quiet channel is fine', steps: [[0, [channel()]]], expected: [] },
    { name: 'stopped', steps: [[0, [channel({ state: 'stopped' })]]], expected: ['stopped'] },
    { name: 'paused', steps: [[0, [channel({ state: 'paused' })]]], expected: ['paused'] },
    { name: 'deploying is not a problem', steps: [[0, [channel({ state: 'deploying' })]]], expected: [] },
    {
      name: 'errors that were there before the first pass do not count',
      steps: [[0, [channel({ errored: 500 })]]],
      expected: [],
    },
    {
      name: 'errors grew by the threshold since the last pass',
      steps: [
        [0, [channel({ errored: 2 })]],
        [1, [channel({ errored: 7 })]],
      ],
      expected: ['5 new error(s) in the last 60 min (threshold 5)'],
    },
    {
      name: 'errors grew below the threshold',
      steps: [
        [0, [channel({ errored: 2 })]],
        [1, [channel({ errored: 6 })]],
      ],
      expected: [],
    },
    {
      name: 'errors that add up within the window',
      steps: [
        [0, [channel({ errored: 0 })]],
        [20, [channel({ errored: 3 })]],
        [40, [channel({ errored: 6 })]],
      ],
      expected: ['6 new error(s) in the last 60 min (threshold 5)'],
    },
    {
      name: 'errors older than the window clear',
      steps: [
        [0, [channel({ errored: 0 })]],
        [1, [channel({ errored: 9 })]],
        [70, [channel({ errored: 9 })]],
        [71, [channel({ errored: 9 })]],
      ],
      expected: [],
    },
    {
      name: 'a statistics reset (counter went down) is not growth',
      steps: [
        [0, [channel({ errored: 40 })]],
        [1, [channel({ errored: 0 })]],
      ],
      expected: [],
    },
    {
      name: 'queued and no message for longer than N minutes (engine gave the last message time)',
      steps: [[0, [channel({ queued: 9, lastMessageAt: T0 - 45 * MIN })]]],
      expected: ['9 queued, nothing received for 45 min'],
    },
    {
      name: 'queued but a message arrived recently',
      steps: [[0, [channel({ queued: 9, lastMessageAt: T0 - 5 * MIN })]]],
      expected: [],
    },
    {
      name: 'silent but nothing queued',
      steps: [[0, [channel({ queued: 0, lastMessageAt: T0 - 300 * MIN })]]],
      expected: [],
    },
    {
      name: 'queued and the received count stood still for N minutes (no message time)',
      steps: [
        [0, [channel({ queued: 3 })]],
        [31, [channel({ queued: 3 })]],
      ],
      expected: ['3 queued, nothing received for 31 min'],
    },
    {
      name: 'queued while messages keep arriving',
      steps: [
        [0, [channel({ queued: 3 })]],
        [20, [channel({ queued: 3, received: 101 })]],
        [45, [channel({ queued: 3, received: 101 })]],
      ],
      expected: [],
    },
    {
      name: 'several problems on one channel, in one text',
      steps: [[0, [channel({ state: 'stopped', queued: 2, lastMessageAt: T0 - 60 * MIN })]]],
      expected: ['stopped', '2 queued, nothing received for 60 min'],
    },
  ];

  it.each(cases)('$name', ({ steps, expected }) => {
    expect(passes(...steps)).toEqual([['interface:mirth:ch-1', expected]]);
  });

  it('a channel gone from the dashboard is a problem until it returns', () => {
    expect(passes([0, [channel()]], [1, []])).toEqual([
      ['interface:mirth:ch-1', ['no longer deployed (gone from the dashboard)']],
    ]);
    expect(passes([0, [channel()]], [1, []], [2, [channel()]])).toEqual([['interface:mirth:ch-1', []]]);
  });

  it('a channel gone for longer than forgetGoneMinutes is forgotten (its incident can close)', () => {
    const gone = evaluateChannels(
      'mirth',
      [],
      evaluateChannels('mirth', [channel()], undefined, T0, t).snapshot,
      T0 + MIN,
      t,
    );
    const later = evaluateChannels('mirth', [], gone.snapshot, T0 + 121 * MIN, t);
    expect(later.findings).toEqual([
      { key: 'interface:mirth:ch-1', channelId: 'ch-1', name: 'ORM to RIS', problems: [] },
    ]);
    expect(later.snapshot).toEqual({});
  });

  it('writes one PHI-free incident text per channel, or none when it is fine', () => {
    const [bad] = evaluateChannels('mirth', [channel({ state: 'paused' })], undefined, T0, t).findings;
    const [good] = evaluateChannels('mirth', [channel()], undefined, T0, t).findings;
    expect(bad && findingText(bad)).toBe('channel "ORM to RIS": paused');
    expect(good && findingText(good)).toBeUndefined();
  });
});

import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createFetch } from '../../src/core/http.js';
import { evaluateChannels } from '../../src/interfaces/channel-rules.js';
import type { ChannelStatus, InterfaceEngine } from '../../src/interfaces/engine-types.js';
import { buildInterfacesReport, readInterfacesReport } from '../../src/interfaces/interfaces-report.js';
import { createMirthEngine } from '../../src/interfaces/mirth/mirth-client.js';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const MIN = 60_000;
const ch = (id: string, name: string, over: Partial<ChannelStatus> = {}): ChannelStatus => ({
  id,
  name,
  state: 'started',
  received: 10,
  sent: 10,
  queued: 0,
  errored: 0,
  filtered: 0,
  ...over,
});

const statuses = [
  ch('a', 'ADT in', { lastMessageAt: NOW - 2 * MIN }),
  ch('b', 'ORM to RIS', { state: 'stopped', queued: 7, lastMessageAt: NOW - 50 * MIN }),
  ch('c', 'Billing out', { state: 'paused' }),
];

describe('/pacs interfaces summary', () => {
  it('lists every channel with state, counts and last message time, problems first', () => {
    const report = buildInterfacesReport('mirth', statuses, NOW);
    expect(report).toEqual({
      engine: 'mirth',
      checkedAt: '2026-12-02T09:00:00.000Z',
      channels: [
        {
          id: 'b',
          name: 'ORM to RIS',
          state: 'stopped',
          received: 10,
          queued: 7,
          errored: 0,
          lastMessageAt: '2026-12-02T08:10:00.000Z',
          problems: ['stopped', '7 queued, nothing received for 50 min'],
        },
        { id: 'c', name: 'Billing out', state: 'paused', received: 10, queued: 0, errored: 0, problems: ['paused'] },
        {
          id: 'a',
          name: 'ADT in',
          state: 'started',
          received: 10,
          queued: 0,
          errored: 0,
          lastMessageAt: '2026-12-02T08:58:00.000Z',
          problems: [],
        },
      ],
      totals: { channels: 3, withProblems: 2, queued: 7, errored: 0 },
    });
  });

  it('shows error growth when given the monitor’s memory', () => {
    const before = evaluateChannels('mirth', [ch('a', 'ADT in', { errored: 1 })], undefined, NOW - 5 * MIN).snapshot;
    const report = buildInterfacesReport('mirth', [ch('a', 'ADT in', { errored: 9 })], NOW, { previous: before });
    expect(report.channels[0]?.problems).toEqual(['8 new error(s) in the last 60 min (threshold 5)']);
  });

  it('turns a failure to read Mirth into its cause, e.g. rejected credentials', async () => {
    nock('https://mirth.test').post('/api/users/_login').reply(401, '');
    const engine = createMirthEngine({
      url: 'https://mirth.test',
      user: 'u',
      password: 'pw',
      fetch: createFetch({ timeoutMs: 2000 }),
    });
    expect(await readInterfacesReport(engine, () => NOW)).toEqual({
      engine: 'mirth',
      checkedAt: '2026-12-02T09:00:00.000Z',
      error: {
        code: 'engine_auth_failed',
        cause: 'Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP 401 at /users/_login)',
        userMessage: 'The interface engine refused the bot’s credentials. An administrator has been told.',
      },
    });
  });

  it('does not pass on the text of an unexpected error (it may hold anything)', async () => {
    const engine: InterfaceEngine = {
      name: 'mirth',
      channels: async () => {
        throw new Error('weird failure mentioning MRN 12345');
      },
    };
    const report = await readInterfacesReport(engine, () => NOW);
    expect(JSON.stringify(report)).not.toContain('12345');
    expect(report).toMatchObject({ error: { code: 'internal', cause: 'mirth: unexpected failure' } });
  });
});

import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { interfacesReportFor } from '../../src/compose/interfaces-engine.js';
import { loadConfig } from '../../src/config.js';
import { createFetch } from '../../src/core/http.js';
import { evaluateChannels } from '../../src/interfaces/channel-rules.js';
import type { ChannelStatus, InterfaceEngine } from '../../src/interfaces/engine-types.js';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const fetch = createFetch({ timeoutMs: 2000 });
const mirth = {
  INTERFACE_ENGINE: 'mirth',
  MIRTH_URL: 'https://mirth.hospital.test:8443',
  MIRTH_USER: 'u',
  MIRTH_PASSWORD: 'p',
};
const adt = (errored: number): ChannelStatus => ({
  id: 'adt-1',
  name: 'ADT in',
  state: 'started',
  received: 100,
  sent: 100,
  queued: 0,
  errored,
  filtered: 0,
});

describe('interfacesReportFor (what /pacs interfaces shows)', () => {
  it('is undefined with no engine configured', async () => {
    expect(await interfacesReportFor({ interfaces: loadConfig({}).interfaces, fetch, now: () => NOW })).toBeUndefined();
  });

  it('builds Mirth from the settings over the shared fetch, and turns a failure into its cause', async () => {
    const scope = nock(mirth.MIRTH_URL).post('/api/users/_login').replyWithError({ code: 'ECONNREFUSED' });
    const report = await interfacesReportFor({ interfaces: loadConfig(mirth).interfaces, fetch, now: () => NOW });
    expect(report).toEqual({
      engine: 'mirth',
      checkedAt: '2026-12-02T09:00:00.000Z',
      error: expect.objectContaining({
        code: 'engine_unreachable',
        cause: 'Mirth: cannot connect to MIRTH_URL (ECONNREFUSED)',
      }),
    });
    expect(scope.isDone()).toBe(true);
  });

  it('applies INTERFACE_ERROR_THRESHOLD, and error growth against the monitor’s memory when given', async () => {
    const interfaces = loadConfig({ ...mirth, INTERFACE_ERROR_THRESHOLD: '3' }).interfaces;
    const engine: InterfaceEngine = { name: 'mirth', channels: async () => [adt(13)] };
    const previous = evaluateChannels('mirth', [adt(10)], undefined, NOW - 60_000).snapshot;
    const withMemory = await interfacesReportFor({ interfaces, fetch, now: () => NOW, engine, previous });
    expect(withMemory && 'channels' in withMemory ? withMemory.channels[0]?.problems : undefined).toEqual([
      '3 new error(s) in the last 60 min (threshold 3)',
    ]);
    const oneOff = await interfacesReportFor({ interfaces, fetch, now: () => NOW, engine });
    expect(oneOff && 'channels' in oneOff ? oneOff.channels[0]?.problems : undefined).toEqual([]);
  });
});

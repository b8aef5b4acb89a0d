import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allSiteStatus, statusCheck } from '../../../src/pacs/checks/status.js';
import type { SiteStatus } from '../../../src/pacs/types.js';
import { fakeConnector, fakeContext, siteConfig } from './fakes.js';

describe('status check', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not let one hanging site delay the others', async () => {
    const main = fakeConnector(siteConfig('main'));
    const dead = fakeConnector(siteConfig('dead'), { status: () => new Promise<SiteStatus>(() => {}) });
    const east = fakeConnector(siteConfig('east'), {
      status: () =>
        new Promise((resolve) => setTimeout(() => resolve({ site: 'east', reachable: true, latencyMs: 900 }), 900)),
    });
    const ctx = fakeContext([main, dead, east], { statusTimeoutMs: 5_000 });
    let settled = false;
    const pending = allSiteStatus(ctx).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.sites).toEqual([
      { site: 'main', reachable: true, latencyMs: 4, version: '1.10.1' },
      { site: 'dead', reachable: false, problem: 'no answer in time' },
      { site: 'east', reachable: true, latencyMs: 900 },
    ]);
    expect(result.checkedAt).toBe('2026-11-29T12:00:00.000Z');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers as soon as every site has answered, leaving no timers behind', async () => {
    const ctx = fakeContext([fakeConnector(siteConfig('main')), fakeConnector(siteConfig('east'))]);
    const result = await allSiteStatus(ctx);
    expect(result.sites.map((s) => s.reachable)).toEqual([true, true]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a failing site with a host-free problem', async () => {
    const broken = fakeConnector(siteConfig('main'), {
      status: async () => {
        throw new Error('getaddrinfo ENOTFOUND pacs.internal.example');
      },
    });
    const leaky = fakeConnector(siteConfig('east'), {
      status: async () => ({ site: 'x', reachable: false, problem: 'refused by 10.2.3.4:8042' }),
    });
    const honest = fakeConnector(siteConfig('west'), {
      status: async () => ({ site: 'west', reachable: false, problem: 'connection refused' }),
    });
    const result = await allSiteStatus(fakeContext([broken, leaky, honest]));
    expect(result.sites).toEqual([
      { site: 'main', reachable: false, problem: 'status check failed' },
      { site: 'east', reachable: false, problem: 'status check failed' },
      { site: 'west', reachable: false, problem: 'connection refused' },
    ]);
  });

  it('takes no arguments', async () => {
    const ctx = fakeContext([fakeConnector(siteConfig('main'))]);
    expect(statusCheck.parse('', ctx)).toEqual({ ok: true, value: {} });
    expect(statusCheck.parse('main', ctx)).toMatchObject({ ok: false, reason: 'usage' });
    expect(await statusCheck.run(ctx, {})).toMatchObject({ sites: [{ site: 'main', reachable: true }] });
  });
});

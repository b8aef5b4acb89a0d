import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { ids } from '../tickets/ticket-helpers.js';
import { slash } from './signed-requests.js';

/** The bot's clock, moved by the tests; Slack's (the workspace's) keeps real time, so signatures stay valid. */
let clock = Date.now();
let h: DeskHarness;
const ttlSeconds = 20;

beforeAll(async () => {
  h = await startDesk({ ROLE_CACHE_SECONDS: String(ttlSeconds) }, {}, { now: () => clock });
});
afterAll(() => h.stop());
beforeEach(async () => {
  await h.api('/api/test/directory', { reset: true });
  clock += (ttlSeconds + 1) * 1000;
});

const reindex = async () => (await slash(h, 'admin', ids.admin, ids.triage, '/pacs reindex')).text;
const allowed = /Knowledge base re-indexed/;
const denied = /for PACS admins only/;

describe('A3: a removed admin loses the role within the cache TTL', () => {
  it('A3: removed from the admin group in Slack → still admin until the TTL, denied once it has passed', async () => {
    expect(await reindex()).toMatch(allowed);
    await h.api('/api/test/directory', { usergroup: 'pacs-admins', users: [] });
    clock += (ttlSeconds - 1) * 1000;
    expect(await reindex()).toMatch(allowed); // cached membership, within the TTL
    clock += 2000;
    expect(await reindex()).toMatch(denied);
  });

  it('A3: usergroups.users.list failing after the TTL denies the role (fail closed, logged), not the stale list', async () => {
    expect(await reindex()).toMatch(allowed);
    await h.api('/api/test/directory', { fail: 'usergroups.users.list' });
    clock += (ttlSeconds + 1) * 1000;
    expect(await reindex()).toMatch(denied);
    expect(h.logs()).toContain('could not read user group; denying its role');
    // Slack answers again: the role comes back at once.
    await h.api('/api/test/directory', { restore: 'usergroups.users.list' });
    expect(await reindex()).toMatch(allowed);
  });

  it('A3: the TTL is configurable and capped at 60 s', () => {
    expect(loadConfig({ ROLE_CACHE_SECONDS: '60' }).roles.cacheSeconds).toBe(60);
    expect(() => loadConfig({ ROLE_CACHE_SECONDS: '61' })).toThrow(ConfigError);
    expect(() => loadConfig({ ROLE_CACHE_SECONDS: '61' })).toThrow(/ROLE_CACHE_SECONDS/);
  });
});

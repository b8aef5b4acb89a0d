import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('front configuration', () => {
  it('A5: SLACK_ALLOWED_TEAM_IDS and SLACK_APP_ID are read, and unset means every workspace', () => {
    const unset = loadConfig({});
    expect(unset.slack.allowedTeamIds).toEqual([]);
    expect(unset.slack.appId).toBeUndefined();
    const set = loadConfig({ SLACK_ALLOWED_TEAM_IDS: 'T0ONE, E0ORG', SLACK_APP_ID: 'A0APP' });
    expect(set.slack.allowedTeamIds).toEqual(['T0ONE', 'E0ORG']);
    expect(set.slack.appId).toBe('A0APP');
  });

  it('A5: a workspace name instead of an id, or a bad app id, is refused with its fix', () => {
    try {
      loadConfig({ SLACK_ALLOWED_TEAM_IDS: 'radiology', SLACK_APP_ID: 'myapp' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/SLACK_ALLOWED_TEAM_IDS: .* fix: comma-separated workspace \(T…\)/);
      expect(problems).toMatch(/SLACK_APP_ID: .* fix: use the App ID/);
    }
  });

  it('R6/S5: SHUTDOWN_GRACE_MS and SLACK_BODY_LIMIT_BYTES default to 10 s and 1 MiB and are bounded', () => {
    const config = loadConfig({});
    expect(config.shutdownGraceMs).toBe(10_000);
    expect(config.slack.bodyLimitBytes).toBe(1024 * 1024);
    expect(() => loadConfig({ SLACK_BODY_LIMIT_BYTES: '100' })).toThrow(/SLACK_BODY_LIMIT_BYTES/);
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});

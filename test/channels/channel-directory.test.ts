import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChannelDirectory } from '../../src/channels/channel-directory.js';
import { parseChannelsFile } from '../../src/channels/read-channels-file.js';
import { watchChannelsFile } from '../../src/channels/watch-channels.js';
import { loadConfig } from '../../src/config.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait-until.js';

const env = {
  triageChannel: 'C0TRIAGE',
  oncallGroup: 'S0ONCALL',
  slaMinutes: { stat: 60, urgent: 240, routine: 4320 },
};

const yaml = `
defaults:
  answer: mention
  kb: { folders: [general] }
channels:
  - { id: C0ED, name: ed-help, answer: all, visibility: ephemeral, kb: { folders: [ed], tags: [stat] }, queue: ed, site: east, pacsChecks: none }
  - { id: C0PARTNER, shared: true }
queues:
  - { id: ed, name: Emergency, triageChannel: C0EDTRIAGE, oncallGroup: S0EDCALL, sla: { stat: 30 } }
  - { id: cardio, triageChannel: C0CARDIO, categories: [viewer_access] }
  - { id: east, triageChannel: C0EAST, sites: [east] }
`;

const directory = () => {
  const parsed = parseChannelsFile(yaml, ['main', 'east']);
  if (!parsed.file) throw new Error(parsed.problems.join('\n'));
  return createChannelDirectory(parsed.file, env);
};

describe('channel settings', () => {
  it('resolves a listed channel from its own fields, then defaults, then the built-in behaviour', () => {
    expect(directory().settingsFor('C0ED')).toEqual({
      channelId: 'C0ED',
      listed: true,
      name: 'ed-help',
      answer: 'all',
      visibility: 'ephemeral',
      kb: { folders: ['ed'], tags: ['stat'], audience: [] },
      queue: 'ed',
      site: 'east',
      pacsChecks: 'none',
      shared: false,
    });
    expect(directory().settingsFor('C0OTHER')).toMatchObject({
      listed: false,
      answer: 'mention',
      visibility: 'thread',
      kb: { folders: ['general'] },
      queue: 'default',
      pacsChecks: 'associates',
      shared: false,
    });
    expect(directory().settingsFor('C0PARTNER')).toMatchObject({ shared: true, kb: { folders: ['general'] } });
  });

  it('without a file every channel runs on the built-in behaviour and the default queue is the environment’s', () => {
    const none = createChannelDirectory(undefined, env);
    expect(none.settingsFor('C0ANY')).toMatchObject({ answer: 'mention', visibility: 'thread', queue: 'default' });
    expect(none.queues()).toEqual([
      {
        id: 'default',
        name: 'Default',
        triageChannel: 'C0TRIAGE',
        oncallGroup: 'S0ONCALL',
        categories: [],
        sites: [],
        slaMinutes: env.slaMinutes,
      },
    ]);
  });
});

describe('ticket routing', () => {
  it('goes by channel, then category, then site, then the default queue', () => {
    const d = directory();
    expect(d.routeTicket({ channelId: 'C0ED', category: 'viewer_access' }).id).toBe('ed');
    expect(d.routeTicket({ channelId: 'C0OTHER', category: 'viewer_access', site: 'east' }).id).toBe('cardio');
    expect(d.routeTicket({ channelId: 'C0OTHER', category: 'missing_study', site: 'east' }).id).toBe('east');
    expect(d.routeTicket({ channelId: 'C0OTHER', category: 'missing_study' }).id).toBe('default');
  });

  it('a queue’s SLA targets it leaves out are the default queue’s', () => {
    expect(directory().queue('ed')?.slaMinutes).toEqual({ stat: 30, urgent: 240, routine: 4320 });
  });
});

describe('the channels file', () => {
  it('lists every problem with its place and fix', () => {
    const bad = `
channels:
  - { id: ed-help, answer: sometimes }
  - { id: C0A, queue: nowhere, site: west }
  - { id: C0A }
queues:
  - { id: Bad Id }
`;
    const { problems } = parseChannelsFile(bad, ['main']);
    expect(problems.join('\n')).toMatch(/channels\[0\]\.id: use the channel id/);
    expect(problems.join('\n')).toMatch(/channels\[0\]\.answer/);
    expect(problems.join('\n')).toMatch(/queues\[0\]\.id: use lower-case/);
    const refs = parseChannelsFile('channels: [{ id: C0A, queue: nowhere, site: west }, { id: C0A }]', ['main']);
    expect(refs.problems).toEqual([
      'channels[1].id: "C0A" is listed twice',
      'channels[0].queue: no queue "nowhere" — fix: add it under queues, or use default',
      'channels[0].site: no PACS site "west" — fix: use one of main',
    ]);
    expect(parseChannelsFile('channels: [', []).problems[0]).toMatch(/not valid YAML or JSON/);
  });

  it('stops the bot at start with the file’s problems, prefixed with the variable', () => {
    const dir = tempDir('channels-cfg-');
    writeFileSync(join(dir.path, 'channels.yaml'), 'channels: [{ id: C0A, queue: nowhere }]');
    expect(() => loadConfig({ CHANNELS_CONFIG: 'channels.yaml' }, dir.path)).toThrow(
      /CHANNELS_CONFIG: channels\[0\]\.queue: no queue "nowhere"/,
    );
    expect(() => loadConfig({ CHANNELS_CONFIG: 'missing.yaml' }, dir.path)).toThrow(
      /CHANNELS_CONFIG: cannot read the file \(ENOENT\)/,
    );
    expect(() => loadConfig({ DIGEST_CRON: '0 8 * *' }, dir.path)).toThrow(/DIGEST_CRON: is not a five-field cron/);
    dir.remove();
  });
});

describe('reloading the channels file', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove();
  });

  it('applies a valid change at once and keeps the previous settings when the new file is invalid', async () => {
    const dir = tempDir('channels-watch-');
    dirs.push(dir);
    mkdirSync(join(dir.path, 'cfg'));
    const file = join(dir.path, 'cfg', 'channels.yaml');
    writeFileSync(file, 'channels: [{ id: C0A, answer: mention }]');
    const d = createChannelDirectory(parseChannelsFile('channels: [{ id: C0A, answer: mention }]', []).file, env);
    const logger = { info: vi.fn(), warn: vi.fn(), child: () => logger };
    const stop = watchChannelsFile(file, dir.path, d, [], logger as never, 10);
    try {
      writeFileSync(file, 'channels: [{ id: C0A, answer: all }]');
      await waitUntil(() => expect(d.settingsFor('C0A').answer).toBe('all'));
      writeFileSync(file, 'channels: [{ id: C0A, answer: sometimes }]');
      await waitUntil(() =>
        expect(logger.warn).toHaveBeenCalledWith(
          expect.objectContaining({ code: 'channels_invalid' }),
          expect.any(String),
        ),
      );
      expect(d.settingsFor('C0A').answer).toBe('all');
    } finally {
      stop();
    }
  });
});

import { Writable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import type { KbGap } from '../../../src/knowledge-loop/kb-gaps.js';
import { buildKbGapsSection } from '../../../src/slack/blocks/home/kb-gaps-section.js';
import { createKbOwnerCheck } from '../../../src/slack/blocks/home/kb-owner-check.js';

const gap = (topic: string, count: number, extra: Partial<KbGap> = {}): KbGap => ({
  topic,
  questions: [`a question about ${topic} for MRN [MRN]`],
  count,
  channels: ['C0RADHELP'],
  reasons: { abstained: count, thumbsDown: 0 },
  nearest: [{ source: 'viewer/hanging-protocols.md', heading: 'Layouts' }],
  ...extra,
});

describe('App Home: the KB gaps section', () => {
  it('shows the top five topics with count, why, channels and nearest page, and no question text', () => {
    const gaps = [
      gap('parking permit', 3, {
        channels: ['C0PTRIAGE', 'C0RADHELP', 'D0CLINIC1'],
        reasons: { abstained: 2, thumbsDown: 1 },
      }),
      ...['a', 'b', 'c', 'd', 'e'].map((t) => gap(`topic ${t}`, 1, { nearest: [] })),
    ];
    const blocks = buildKbGapsSection(gaps, { days: 30 });
    const text = JSON.stringify(blocks);
    expect(text).toContain('Knowledge base gaps');
    expect(text).toContain('last 30 days');
    expect(text).toContain(
      '*parking permit* · 3 questions (2 not answered, 1 👎) in <#C0PTRIAGE> <#C0RADHELP> a DM\\nNearest page: `viewer/hanging-protocols.md` › Layouts',
    );
    expect(text).toContain('*topic d* · 1 question (1 not answered)');
    expect(text).not.toContain('topic e*');
    expect(text).toContain('and 1 more topic');
    expect(text).toContain('_none close_');
    expect(text).not.toContain('a question about');
    expect(blocks.filter((b) => b.type === 'section')).toHaveLength(5);
  });

  it('says so when there are no gaps, and escapes what it shows', () => {
    expect(JSON.stringify(buildKbGapsSection([], { days: 7 }))).toContain('No gaps');
    expect(JSON.stringify(buildKbGapsSection([gap('<!channel> & co', 1)], { days: 7 }))).toContain(
      '&lt;!channel&gt; &amp; co',
    );
  });
});

describe('KB owner check (KB_OWNERS_GROUP)', () => {
  function fakeClient(lists: (() => Promise<{ users?: string[] }>)[]) {
    let calls = 0;
    const client = {
      usergroups: { users: { list: () => (lists[Math.min(calls++, lists.length - 1)] as () => Promise<unknown>)() } },
    } as unknown as Pick<WebClient, 'usergroups'>;
    return { client, calls: () => calls };
  }
  const quiet = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, d) => d() }) });

  it('caches the group for cacheSeconds, fails closed when Slack cannot list it; without a group, `otherwise` decides', async () => {
    let now = 0;
    const { client, calls } = fakeClient([
      async () => ({ users: ['U0ADMIN01'] }),
      async () => {
        throw new Error('ratelimited');
      },
    ]);
    const isOwner = createKbOwnerCheck(client, { ownersGroup: 'S0KBOWN', cacheSeconds: 30 }, quiet, () => now);
    expect(await isOwner('U0ADMIN01')).toBe(true);
    expect(await isOwner('U0CLINIC1')).toBe(false);
    expect(calls()).toBe(1);
    now = 31_000;
    expect(await isOwner('U0ADMIN01')).toBe(false);
    expect(calls()).toBe(2);

    const none = createKbOwnerCheck(client, { cacheSeconds: 30 }, quiet);
    expect(await none('U0ADMIN01')).toBe(false);
    const admins = createKbOwnerCheck(client, { cacheSeconds: 30, otherwise: async (u) => u === 'U0ADMIN01' }, quiet);
    expect([await admins('U0ADMIN01'), await admins('U0CLINIC1')]).toEqual([true, false]);
    expect(calls()).toBe(2);
  });
});

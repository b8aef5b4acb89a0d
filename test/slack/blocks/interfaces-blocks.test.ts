import { describe, expect, it } from 'vitest';
import type { ChannelStatus } from '../../../src/interfaces/engine-types.js';
import { buildInterfacesReport } from '../../../src/interfaces/interfaces-report.js';
import { renderInterfacesBlocks } from '../../../src/slack/blocks/interfaces/interfaces-blocks.js';

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

/** Every text a reader can see: the fallback and each block's mrkdwn. */
const shown = (r: ReturnType<typeof renderInterfacesBlocks>) =>
  [r.text, ...r.blocks.map((b) => JSON.stringify(b))].join('\n');
const sectionTexts = (r: ReturnType<typeof renderInterfacesBlocks>) =>
  r.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('/pacs interfaces in Slack', () => {
  it('shows problems first, then the rest, each with state, counts and last message time', () => {
    const report = buildInterfacesReport(
      'mirth',
      [
        ch('a', 'ADT in', { received: 120, errored: 2, lastMessageAt: NOW - 2 * MIN }),
        ch('b', 'ORM to RIS', { state: 'stopped', received: 40, queued: 9, lastMessageAt: NOW - 50 * MIN }),
        ch('c', 'Billing <out>'),
      ],
      NOW,
    );
    const rendered = renderInterfacesBlocks(report);
    expect(rendered.text).toBe('Interface engine status: 1 of 3 channels need attention');
    const [head, troubled, fine] = sectionTexts(rendered);
    expect(head).toBe('*Interface engine (mirth)*: 3 channels · 1 with problems · 9 queued · 2 errored');
    expect(troubled).toBe(
      '*Needs attention*\n🔴 *ORM to RIS* · stopped · 40 received · 9 queued · 0 errored · last message 50 min ago\n' +
        '      ⚠️ stopped; 9 queued, nothing received for 50 min',
    );
    expect(fine).toBe(
      '*Running normally*\n🟢 *ADT in* · started · 120 received · 0 queued · 2 errored · last message 2 min ago\n' +
        '🟢 *Billing &lt;out&gt;* · started · 10 received · 0 queued · 0 errored · last message unknown',
    );
    expect(rendered.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Checked 09:00 UTC.' }],
    });
  });

  it('says when no channel is deployed', () => {
    const rendered = renderInterfacesBlocks(buildInterfacesReport('mirth', [], NOW));
    expect(shown(rendered)).toContain('No channel is deployed.');
  });

  it('an engine that cannot be read shows its cause, no host and no stack', () => {
    const rendered = renderInterfacesBlocks({
      engine: 'mirth',
      checkedAt: '2026-12-02T09:00:00.000Z',
      error: {
        code: 'engine_auth_failed',
        cause: 'Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP 401 at /users/_login)',
        userMessage: 'The interface engine refused the bot’s credentials. An administrator has been told.',
      },
    });
    expect(rendered.text).toBe('Interface engine status: could not be read');
    expect(shown(rendered)).toContain('refused the bot’s credentials');
    expect(shown(rendered)).toContain('Cause: Mirth rejected MIRTH_USER/MIRTH_PASSWORD (HTTP 401 at /users/_login)');
    expect(shown(rendered)).not.toMatch(/https?:|\bat .*\.(ts|js):\d+/);
  });

  it('keeps within Slack’s limits with hundreds of channels, and says some did not fit', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      ch(`id-${i}`, `Channel ${String(i).padStart(4, '0')} with a long descriptive name`, { state: 'paused' }),
    );
    const rendered = renderInterfacesBlocks(buildInterfacesReport('mirth', many, NOW));
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    for (const text of sectionTexts(rendered)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(rendered.blocks.at(-1))).toContain('Some channels did not fit');
  });
});

import { describe, expect, it } from 'vitest';
import { escapeSlack, inertLinks, stripMention, truncate } from '../../../src/slack/format/escape.js';

describe('escapeSlack', () => {
  it('neutralises broadcast mentions, user mentions and links', () => {
    const out = escapeSlack('hey <!channel> <!here> <@U123> <!subteam^S1> <https://evil.example|click> a&b');
    expect(out).not.toMatch(/<[!@#]/);
    expect(out).not.toContain('<https');
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('a&amp;b');
  });

  it('breaks plain @channel so no client pings', () => {
    expect(escapeSlack('tell @channel and @here')).not.toMatch(/@(channel|here)/);
  });
});

describe('inertLinks', () => {
  it('keeps labels and makes URLs unclickable', () => {
    const out = inertLinks(
      'see [the guide](https://evil.example/x) or https://evil.example/y ![i](https://t.example/p.png)',
    );
    expect(out).toBe('see the guide or `evil.example/y` i');
  });
});

describe('stripMention and truncate', () => {
  it('removes the bot mention only', () => {
    expect(stripMention('<@UBOT> why is <@U2> blank?', 'UBOT')).toBe('why is <@U2> blank?');
  });
  it('cuts on a word boundary', () => {
    expect(truncate('one two three four', 10)).toBe('one two…');
    expect(truncate('short', 10)).toBe('short');
  });
});

import { describe, expect, it } from 'vitest';
import { buildHelpBlocks } from '../../../src/slack/blocks/help-blocks.js';
import type { Subcommand } from '../../../src/slack/commands/registry.js';

const sub = (name: string, summary: string): Subcommand => ({
  name,
  usage: `${name} ARG [site]`,
  summary,
  examples: [`${name} X`],
  run: async () => {},
});

describe('/pacs help blocks', () => {
  it('keeps every section under Slack’s 3,000 characters, however many commands there are, and lists them all in order', () => {
    const subs = Array.from({ length: 30 }, (_, i) => sub(`cmd${i}`, `does thing ${i} `.repeat(12)));
    const { blocks } = buildHelpBlocks(subs);
    const sections = blocks.filter((b) => b.type === 'section').map((b) => JSON.stringify(b));
    const texts = blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    const all = sections.join('\n');
    const order = subs.map((s) => all.indexOf(`/pacs ${s.usage}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

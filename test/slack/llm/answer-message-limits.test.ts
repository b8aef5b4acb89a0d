import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answers/types.js';
import { validateBlocks } from '../../../src/devtools/workspace/blocks.js';
import { buildAnswerMessage } from '../../../src/slack/blocks/answer-blocks.js';

/**
 * The posted answer message against the local workspace's own Slack validator: long answers stay within Slack's
 * limits with code fences whole, and the notification text is escaped like the blocks.
 */

const answer = (markdown: string): Answer => ({
  mode: 'llm',
  answerable: true,
  markdown,
  citations: [{ n: 1, source: 'viewer/images-not-displaying.md', title: 'Images', heading: '', anchor: '' }],
  nearest: [],
  confidence: 0.9,
});

const fences = (text: string) => text.split('\n').filter((l) => /^\s*```/.test(l)).length;

describe('posted answer messages within Slack limits', () => {
  it('B7: a 60k answer full of characters that grow when escaped fits one markdown block, fence closed', () => {
    const markdown = `Try this:\n\`\`\`\n${'a < b && c > d <x> '.repeat(3000)}\n\`\`\`\nDone [1].`;
    const message = buildAnswerMessage(answer(markdown), 'answer-id');
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const body = (message.blocks[0] as unknown as { text: string }).text;
    expect(body.length).toBeLessThanOrEqual(12_000);
    expect(fences(body) % 2).toBe(0);
    expect(body).toContain('shortened');
    expect(body).not.toMatch(/&[a-z]*\n/);
    expect(message.text.length).toBeLessThanOrEqual(40_000);
  });

  it('B6: the notification text is escaped like the blocks', () => {
    const message = buildAnswerMessage(
      answer('Tools > Options & <!channel> <@U0ADMIN01> <https://evil.example|x> [1]'),
      'id',
    );
    expect(message.text).toBe(
      'Tools &gt; Options &amp; &lt;!channel&gt; &lt;@U0ADMIN01&gt; &lt;https://evil.example|x&gt; [1]',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from '../../src/answers/extractive.js';
import { trimSection } from '../../src/answers/trim-section.js';
import type { SearchResult } from '../../src/kb/types.js';

/** Counts fence lines: an odd count leaves the rest of the Slack message inside a code block. */
const fences = (text: string) => text.split('\n').filter((l) => /^\s*```/.test(l)).length;

describe('trimSection keeps Markdown intact', () => {
  const config = [
    '```json',
    '{',
    '  "Gadget": {',
    '    "Enable": true,',
    '',
    '    "Colour": "blue",     // what the widget looks like',
    '',
    ...Array.from({ length: 30 }, (_, i) => `    "Option${i}": ${i},      // one more setting to tune`),
    '  }',
    '}',
    '```',
  ].join('\n');

  it('treats a fenced block with blank lines as one block and closes its fence when cut', () => {
    const section = `1. Install the gadget.\n2. Turn it on.\n\nA minimal setup reads:\n\n${config}`;
    const cut = trimSection(section, 400);
    expect(fences(cut) % 2).toBe(0);
    expect(cut).not.toMatch(/…\s*$/);
    expect(cut.trimEnd().endsWith('```')).toBe(true);
    expect(cut).toContain('"Enable": true');
  });

  it('never writes an ellipsis on a closing fence line', () => {
    const section = `Start it with logging on:\n\n\`\`\`bash\n$ gadget --trace\n\`\`\`\n\n${'More prose follows here. '.repeat(30)}`;
    const cut = trimSection(section, 200);
    expect(cut).not.toMatch(/```…/);
    expect(fences(cut)).toBe(2);
  });

  it('cuts a table between rows, keeping its header', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `| **Service ${i}** | what service ${i} does for you | where |`);
    const table = ['| Service | What it does | Where |', '| --- | --- | --- |', ...rows].join('\n');
    const cut = trimSection(table, 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    const lines = cut.split('\n');
    expect(lines[1]).toBe('| --- | --- | --- |');
    expect(lines.every((l) => /^\|.*\|$/.test(l))).toBe(true);
  });

  it('brings a short block its paragraph introduces, even a little past the limit', () => {
    const intro = `${'Background that explains the setting at length. '.repeat(11).trim()} Add the following to the proxy.conf file.`;
    const section = `${intro}\n\n\`\`\`nginx\nadd_header 'X-Allow-Origin' 'https://viewer.example' always;\n\`\`\``;
    expect(intro.length).toBeLessThan(620);
    expect(section.length).toBeGreaterThan(620);
    expect(trimSection(section)).toBe(section);
  });

  it('drops an introduction whose block does not fit rather than end on a colon', () => {
    const section = `Turn on the secure port first.\n\nOn the client side, set:\n\n${config}\n\nThen restart.`;
    const cut = trimSection(section, 100);
    expect(cut).toBe('Turn on the secure port first.');
  });
});

describe('the [1] marker after a block', () => {
  const result = (text: string): SearchResult => ({
    chunk: {
      id: 'g.md#start',
      source: 'g.md',
      title: 'Gadget',
      heading: 'Start',
      headingPath: ['Gadget', 'Start'],
      anchor: 'start',
      text,
      tags: [],
    },
    score: 1,
  });

  it('goes on its own line after a closing fence or a table row, so both stay Markdown', () => {
    const code = buildExtractiveAnswer([result('Start it:\n\n```bash\n$ gadget --trace\n```')]).markdown;
    expect(code).toMatch(/\n```\n\n\[1\]$/);
    const table = buildExtractiveAnswer([result('| A | B |\n| --- | --- |\n| 1 | 2 |')]).markdown;
    expect(table).toMatch(/\| 1 \| 2 \|\n\n\[1\]$/);
    expect(buildExtractiveAnswer([result('Restart the gadget.')]).markdown).toBe('Restart the gadget. [1]');
  });
});

describe('trimSection cleans what Slack cannot show', () => {
  it('splits around an indented fence in a list item and closes a fence the chunker left open', () => {
    const item = `-   Dump the file:\n\n    \`\`\`bash\n    dump gadget.bin > out.txt\n    \`\`\`\n\n${'-   Then read it carefully.\n'.repeat(40)}`;
    const cut = trimSection(item, 200);
    expect(fences(cut) % 2).toBe(0);
    const open = trimSection('Start with:\n\n```bash\n$ gadget --start\n$ gadget --status', 400);
    expect(fences(open)).toBe(2);
  });

  it('drops link reference definitions, keeps a reference link as its text, and hides comments and bare markers', () => {
    const text =
      'Use the [setup guide][guide] first.\n\n- one\n-\n\n<!-- draft: fix this later\n\n[guide]: https://example.org/guide';
    expect(trimSection(text)).toBe('Use the setup guide first.\n\n- one');
  });

  it('drops a closing line that introduces a figure the answer cannot show', () => {
    expect(trimSection('Press the reset key.\n\nThe result is shown below:')).toBe('Press the reset key.');
  });

  it('does not pull a prose paragraph past the limit because a sentence said "following"', () => {
    const intro = `${'Background that explains the setting at length. '.repeat(11).trim()} See the following warning.`;
    const cut = trimSection(`${intro}\n\n${'A long paragraph of explanation follows here. '.repeat(3)}`);
    expect(cut.length).toBeLessThanOrEqual(620);
  });
});

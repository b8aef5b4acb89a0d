import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';

/** Cells of a Markdown table row: pipes escaped as `\|` (as in `mine\|open`) stay inside a cell. */
const cells = (row: string) =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/).length;

/**
 * Table problems that make GitHub render raw pipes: a row cut off from its table by a blank line (or any other
 * line), a table without its `|---|` separator, or a row with a different number of cells than its header.
 */
function tableProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = markdown.split('\n');
  let fence = false;
  let columns = 0;
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) fence = !fence;
    const isRow = !fence && /^\s*\|/.test(line);
    if (!isRow) {
      columns = 0;
      return;
    }
    if (columns === 0) {
      const separator = lines[i + 1] ?? '';
      if (/^\s*\|[\s|:-]+\|\s*$/.test(line)) problems.push(`line ${i + 1}: a separator without a header`);
      else if (!/^\s*\|[\s|:-]+\|\s*$/.test(separator)) problems.push(`line ${i + 1}: a row outside a table`);
      columns = cells(line);
      return;
    }
    if (cells(line) !== columns) problems.push(`line ${i + 1}: ${cells(line)} cells, the header has ${columns}`);
  });
  return problems;
}

describe('README tables render as tables', () => {
  it('finds the problems it looks for', () => {
    const cut = '| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n';
    expect(tableProblems(cut)).toEqual(['line 5: a row outside a table']);
    expect(tableProblems('| a | b |\n|---|---|\n| 1 | 2 | 3 |\n')).toEqual(['line 3: 3 cells, the header has 2']);
    expect(tableProblems('| a | b |\n|---|---|\n| `x\\|y` | 2 |\n')).toEqual([]);
    expect(tableProblems('```\n| not | a table |\n```\n')).toEqual([]);
  });

  it('README.md has none', () => {
    expect(tableProblems(readFileSync(join(packageRoot, 'README.md'), 'utf8'))).toEqual([]);
  });
});

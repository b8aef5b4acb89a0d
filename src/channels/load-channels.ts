import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChannelsFile } from './channels-file.js';
import { parseChannelsFile } from './read-channels-file.js';

/**
 * Reads `CHANNELS_CONFIG` at start: its problems join the other configuration problems (each prefixed with the
 * variable), so a bad file stops the bot before it answers anywhere with the wrong settings.
 */
export function loadChannelsFile(
  file: string | undefined,
  cwd: string,
  siteIds: readonly string[],
  problems: string[],
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ChannelsFile | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFile(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(
      `CHANNELS_CONFIG: cannot read the file (${code}) — fix: give the path of an existing YAML or JSON file`,
    );
    return undefined;
  }
  const parsed = parseChannelsFile(text, siteIds);
  for (const problem of parsed.problems) problems.push(`CHANNELS_CONFIG: ${problem}`);
  return parsed.file;
}

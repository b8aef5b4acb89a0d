import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../../src/config.js';

/**
 * How to run one of the package's entry points in a child process: the sources through tsx (tests: what is
 * checked out now), or the built `dist/` (the bench: `npm run bench` builds first).
 */
export function nodeArgs(entry: 'main' | 'cli/index', dist = false): string[] {
  if (dist) return [join(packageRoot, `dist/${entry}.js`)];
  const loader = pathToFileURL(join(packageRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  return ['--import', loader, join(packageRoot, `src/${entry}.ts`)];
}

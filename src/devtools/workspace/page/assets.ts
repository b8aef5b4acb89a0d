import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The page's files, read from ./browser/ next to this module: src/ under tsx and vitest, dist/ after
 * `npm run build` (scripts/copy-page-assets.mjs copies them there). Read on every request, so an edit shows on reload.
 */
const FOLDER = new URL('./browser/', import.meta.url);

const TYPES = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' } as const;

/** The only names served under /page/: anything else (other files, `..`, encoded slashes) is a 404. */
export const PAGE_ASSETS = [
  'actions.js',
  'app.js',
  'blocks.js',
  'composer.js',
  'date-token.js',
  'elements.js',
  'escape.js',
  'events.js',
  'inputs.js',
  'markdown.js',
  'messages.js',
  'modal.js',
  'mrkdwn.js',
  'poll.js',
  'rich-text.js',
  'shell.js',
  'state.js',
  'style.css',
] as const;

const ALLOWED: ReadonlySet<string> = new Set(PAGE_ASSETS);

/** The folder the assets are read from (for tests and the build's copy step). */
export const pageAssetsDir = (): string => fileURLToPath(FOLDER);

/** An allowed asset's body and content type, or undefined (unknown name: the caller answers 404). */
export async function readPageAsset(name: string): Promise<{ body: string; type: string } | undefined> {
  if (!ALLOWED.has(name)) return undefined;
  const ext = name.endsWith('.css') ? 'css' : 'js';
  return { body: await readFile(new URL(name, FOLDER), 'utf8'), type: TYPES[ext] };
}

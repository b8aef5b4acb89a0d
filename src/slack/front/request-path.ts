import { posix } from 'node:path';

/**
 * One canonical spelling of a request path, so routing and the signature window see the same thing:
 * query and fragment dropped, percent-escapes decoded (twice, for `%252F`), backslashes and repeated
 * slashes folded, dot segments resolved, lower case, no trailing slash. `undefined` when it cannot be decoded.
 *
 * @example normalizePath('//Slack/events/?x=1') // '/slack/events'
 */
export function normalizePath(url: string | undefined): string | undefined {
  let path = (url ?? '/').split(/[?#]/)[0] ?? '/';
  // Absolute-form request targets (`POST http://host/slack/events HTTP/1.1`).
  if (!path.startsWith('/')) {
    try {
      path = new URL(path).pathname;
    } catch {
      return undefined;
    }
  }
  for (let round = 0; round < 2 && path.includes('%'); round++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return undefined;
    }
  }
  if (path.includes('\0')) return undefined;
  const folded = posix.normalize(path.replace(/\\/g, '/')).toLowerCase();
  const trimmed = folded.length > 1 ? folded.replace(/\/+$/, '') : folded;
  return trimmed === '' || trimmed === '.' ? '/' : trimmed;
}
